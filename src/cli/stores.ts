// The stores an admin command (fsck, gc, dump, load) works on, opened as the server opens them:
// the same configuration (environment variables, overridden by --meta/--objects; README
// "Configuration"), the same openers (app.ts). Direct access because these jobs read a whole
// filesystem from one view of the store (kv/types.ts KvView: one etcd revision, a clone of the
// memory engine) and list the bucket — no API call can offer either.
//
// The embedded engine (memory:DIR) belongs to one process at a time (kv/dir-lock.ts): stop the
// server first, or the command fails with EBUSY naming the process that holds the directory.
// etcd and DynamoDB are shared: the commands run beside the servers.
import { openMeta, openObjects } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { KvStore } from '../kv/types.ts';
import type { ObjectStore } from '../objects/types.ts';

export interface StoreFlags {
  meta?: string;
  objects?: string;
}

export interface Stores<O extends ObjectStore | undefined> {
  kv: KvStore;
  objects: O;
  /** Where they are, in one phrase (for the first line of a command's output). */
  where: string;
}

/** The metadata store alone (dump, load), or with the object store too (fsck, gc). */
export async function openStores(flags: StoreFlags, opts: { objects: true }): Promise<Stores<ObjectStore>>;
export async function openStores(flags: StoreFlags, opts: { objects: false }): Promise<Stores<undefined>>;
export async function openStores(
  flags: StoreFlags,
  opts: { objects: boolean },
): Promise<Stores<ObjectStore | undefined>> {
  const argv: string[] = [];
  if (flags.meta !== undefined) argv.push('--meta', flags.meta);
  if (flags.objects !== undefined) argv.push('--objects', flags.objects);
  const config = loadConfig(process.env, argv);
  const log = (msg: string, err?: unknown) => {
    if (err) process.stderr.write(`${msg}: ${err instanceof Error ? err.message : String(err)}\n`);
  };
  const kv = await openMeta(config, log);
  let objects: ObjectStore | undefined;
  try {
    objects = opts.objects ? (await openObjects(config)).objects : undefined;
  } catch (e) {
    await kv.close();
    throw e;
  }
  const m = config.meta;
  const meta =
    m.engine === 'memory'
      ? `memory:${m.dir}`
      : m.engine === 'etcd'
        ? `etcd ${m.endpoints.join(',')}`
        : `dynamodb ${m.location.table}`;
  const o = config.objects;
  const where = objects
    ? `${meta}, objects ${o.kind === 'file' ? `file:${o.dir}` : `s3://${o.location.bucket}/${o.location.prefix}`}`
    : meta;
  return { kv, objects, where };
}

export async function closeStores(s: Stores<ObjectStore | undefined>): Promise<void> {
  await Promise.allSettled([s.objects?.close(), s.kv.close()]);
}
