// The peers of the benchmarks are Debian packages (rclone; nginx with its WebDAV module). The
// bench installs what is missing with apt-get when it runs as root on a Debian-like system, and
// otherwise says what to install; BENCH_SKIP=peers runs the bench without them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface DebianTool {
  /** What it is for, in errors. */
  name: string;
  /** Commands and files that must exist. */
  commands: string[];
  files?: string[];
  /** Debian packages that provide them. */
  packages: string[];
}

const hasCommand = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const present = (t: DebianTool) => t.commands.every(hasCommand) && (t.files ?? []).every((f) => existsSync(f));

let aptUpdated = false;

/** Make sure `tool` is installed, installing its packages with apt-get if it is not. */
export function ensureDebianTool(tool: DebianTool): void {
  if (present(tool)) return;
  const hint = `install ${tool.packages.join(' ')} (Debian), or set BENCH_SKIP=peers to run without them`;
  if (process.getuid?.() !== 0 || !hasCommand('apt-get')) throw new Error(`${tool.name} is missing: ${hint}`);
  process.stderr.write(`[bench] installing ${tool.packages.join(' ')} with apt-get for ${tool.name}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status;
  if (!aptUpdated) {
    apt(['update', '-qq']);
    aptUpdated = true;
  }
  if (apt(['install', '-y', '-qq', ...tool.packages]) !== 0 || !present(tool))
    throw new Error(`${tool.name}: apt-get could not install ${tool.packages.join(' ')}; ${hint}`);
}
