// `cirrus`: the command line (bin/cirrus.mjs runs it). One commander program; each command says
// in its help whether it works on the stores directly (fsck, gc, dump, load: cli/stores.ts) or
// asks a running server over the API (status, compact, trash, summary: cli/remote.ts), and why. Exit codes in
// cli/exit-codes.ts, the same for every command.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULTS } from '../config.ts';
import { FsError } from '../errno.ts';
import { VERSION } from '../version.ts';
import { dumpCommand, findingKindsHelp, fsckCommand, loadCommand } from './admin.ts';
import { CLI_EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import {
  compactCommand,
  type RemoteFlags,
  statusCommand,
  summaryCommand,
  trashListCommand,
  trashPurgeCommand,
  trashRestoreCommand,
} from './remote.ts';

const DIRECT = `Works on the stores directly, configured as the server is (CIRRUS_META, CIRRUS_OBJECTS, or the
flags): it reads a whole filesystem from one consistent view of the metadata store (one etcd
revision, a clone of the embedded engine's tree) and lists the bucket, which no API call offers.
With memory:DIR, stop the server first (the embedded engine belongs to one process; EBUSY
otherwise). On etcd and DynamoDB it runs beside the servers.`;

const OUTPUT = 'Progress goes to stderr (a bar on a terminal, plain lines otherwise); the result to stdout.';

const THROUGH_API = `Asks a running server over the API (CIRRUS_URL, CIRRUS_TOKEN): it runs with the token's scopes and
POSIX permissions, beside live writers, on any engine.`;

/** A command that talks to a running server: --url, --token, --json. */
function remote(cmd: Command): Command {
  return cmd
    .addOption(new Option('--url <url>', 'the server').env('CIRRUS_URL').default(`http://127.0.0.1:${DEFAULTS.PORT}`))
    .addOption(new Option('--token <token>', 'a bearer token').env('CIRRUS_TOKEN'))
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\n${THROUGH_API}\n\n${EXIT_CODES_HELP}\n`);
}

/** An inode number argument. */
function inoArg(v: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(v)) throw new InvalidArgumentError('an inode number');
  return Number(v);
}

function storeOptions(cmd: Command, opts: { objects: boolean }): Command {
  cmd.addOption(new Option('--meta <url>', 'metadata store: memory:DIR | etcd://… | dynamodb://… (as the server)'));
  if (opts.objects) cmd.addOption(new Option('--objects <url>', 'object store: file:DIR | s3://BUCKET/PREFIX?…'));
  return cmd.option('--json', 'print the result as JSON (for scripts)').option('-q, --quiet', 'no progress display');
}

/** What a command's action answers: its exit code, and whether the process must stay (serve). */
interface Outcome {
  code: number;
  stay?: boolean;
}

export function buildProgram(done: (o: Outcome) => void): Command {
  const program = new Command('cirrus')
    .description('CirrusFS: serve the REST filesystem, and check, dump and load its metadata.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`);

  program
    .command('serve')
    .description('serve the REST API (the same flags and environment as `npm start`; `cirrus serve --help`)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_opts, cmd: Command) => {
      const { serve } = await import('../server.ts'); // the server's modules load only for serve
      await serve(cmd.args);
      done({ code: CLI_EXIT.ok, stay: true });
    });

  storeOptions(
    program
      .command('fsck')
      .description('check metadata against itself and against the objects; --repair fixes what is safe')
      .option('--fs <name>', 'one filesystem (default: every live one)')
      .option('--repair', 'orphans to /lost+found, link counts, counters, leaked objects, expired uploads')
      .addHelpText('after', `\n${DIRECT}\n${OUTPUT}\n\nFindings:\n${findingKindsHelp()}\n\n${EXIT_CODES_HELP}\n`),
    { objects: true },
  ).action(async (opts) => done({ code: await fsckCommand(opts, { scope: 'all' }) }));

  storeOptions(
    program
      .command('gc')
      .description(
        'find objects that no slice and no upload names (leaked), and expired uploads; --delete removes them',
      )
      .option('--fs <name>', 'one filesystem (default: every live one)')
      .option('--delete', 'delete the leaked objects and undo the expired uploads')
      .addHelpText('after', `\nfsck limited to the objects.\n${DIRECT}\n${OUTPUT}\n\n${EXIT_CODES_HELP}\n`),
    { objects: true },
  ).action(async (opts) => done({ code: await fsckCommand({ ...opts, repair: opts.delete }, { scope: 'objects' }) }));

  storeOptions(
    program
      .command('dump')
      .description('write filesystems as a CURVEFS dump file (metadata only; objects are shared, not copied)')
      .argument('<file>', 'the dump to write (written as FILE.partial, renamed when whole)')
      .option('--fs <name>', 'one filesystem (default: every live one)')
      .addHelpText('after', `\n${DIRECT}\n${OUTPUT}\n\n${EXIT_CODES_HELP}\n`),
    { objects: false },
  ).action(async (output: string, opts) => done({ code: await dumpCommand({ ...opts, output }) }));

  storeOptions(
    program
      .command('load')
      .description('load a dump into the metadata store, keeping names and ids (refused if either is taken)')
      .argument('<file>', 'the dump to load (checked whole before anything is written)')
      .option('--resume', 'finish a load of this dump that was cut short')
      .addHelpText(
        'after',
        `\nThe loaded filesystems find their contents in the same object store (ids are in the object keys).\n${DIRECT}\n${OUTPUT}\n\n${EXIT_CODES_HELP}\n`,
      ),
    { objects: false },
  ).action(async (input: string, opts) => done({ code: await loadCommand({ ...opts, input }) }));

  remote(
    program
      .command('status')
      .description("a running server's status (version, leader, engines, jobs) and its filesystems")
      .addHelpText(
        'after',
        '\nLeadership, caches and job progress live in that process; listing filesystems needs the admin scope.',
      ),
  ).action(async (opts) => done({ code: await statusCommand(opts) }));

  remote(
    program
      .command('compact')
      .description("rewrite a file's fragmented chunks as one slice each (what the leader's pass does, now)")
      .argument('<fs>', 'the filesystem')
      .argument('<path>', 'the file')
      .option('--background', "only chunks past the background pass's thresholds"),
  ).action(async (fs: string, path: string, opts: RemoteFlags & { background?: boolean }) =>
    done({ code: await compactCommand({ ...opts, fs, path }) }),
  );

  const trash = program.command('trash').description("a filesystem's trash: list, restore, purge early");
  remote(
    trash.command('ls').description('list the entries (path, size, removal, expiry, state)').argument('<fs>'),
  ).action(async (fs: string, opts: RemoteFlags) => done({ code: await trashListCommand({ ...opts, fs }) }));
  remote(
    trash
      .command('restore')
      .description('restore an entry to where it was (or --to PATH); EEXIST if the name is taken, unless --replace')
      .argument('<fs>')
      .argument('<ino>', 'the entry (its inode number, from trash ls)', inoArg)
      .option('--to <path>', 'restore here instead')
      .option('--replace', 'replace what the name holds now'),
  ).action(async (fs: string, ino: number, opts: RemoteFlags & { to?: string; replace?: boolean }) =>
    done({ code: await trashRestoreCommand({ ...opts, fs, ino }) }),
  );
  remote(
    trash
      .command('purge')
      .description('purge an entry at the next sweeper pass, without waiting for its retention')
      .argument('<fs>')
      .argument('<ino>', 'the entry (its inode number, from trash ls)', inoArg),
  ).action(async (fs: string, ino: number, opts: RemoteFlags) =>
    done({ code: await trashPurgeCommand({ ...opts, fs, ino }) }),
  );

  remote(
    program
      .command('summary')
      .description('files, directories, entries and bytes of a directory, at its level and in its whole tree (du)')
      .argument('<fs>', 'the filesystem')
      .argument('[path]', 'the directory (default: the root)', '')
      .option('--no-recursive', 'only the directory’s own entries'),
  ).action(async (fs: string, path: string, opts: RemoteFlags & { recursive: boolean }) =>
    done({ code: await summaryCommand({ ...opts, fs, path }) }),
  );

  return program;
}

/** Run `cirrus` with `argv` (without node and the script); resolves with the outcome. */
export async function main(argv: readonly string[]): Promise<Outcome> {
  let outcome: Outcome = { code: CLI_EXIT.ok };
  const program = buildProgram((o) => {
    outcome = o;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end the parse with exit code 0; anything else is bad usage.
      return { code: e.exitCode === 0 ? CLI_EXIT.ok : CLI_EXIT.usage };
    }
    const command = program.args[0] ?? '';
    const what = e instanceof FsError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`cirrus ${command}: ${what}\n`);
    return { code: CLI_EXIT.failed };
  }
}
