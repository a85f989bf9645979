// The data-directory lock (kv/dir-lock.ts) names its owner by PID, start time and boot id, so a
// LOCK left by a crashed process is taken over even when its PID was reused: after a reboot
// the old PID is some other daemon's, and in a container the restarted server has the same
// PID (often 1). (Found in review: a PID-only lock blocked such restarts until an operator
// deleted LOCK by hand.)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { MemoryKv } from '../../src/kv/memory.ts';
import { tempDir } from '../support/server.ts';

t.test('a LOCK left by a crashed process whose PID was reused is taken over', async (t) => {
  const dir = await tempDir();
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
  for (const [what, lock] of [
    [
      'after a reboot, the old PID now belongs to another process (here: 1)',
      `1 12345 ${'0'.repeat(8)}-0000-0000-0000-000000000000`,
    ],
    ['in a container, the restarted server has the same PID as the crashed one', `${process.pid} 1 ${boot}`],
    ["a lock without an owner's start time (unverifiable)", `${process.pid}`],
  ] as const) {
    const meta = join(dir, String(what.length));
    await mkdir(meta, { recursive: true });
    await writeFile(join(meta, 'LOCK'), `${lock}\n`); // left behind by kill -9 / power loss
    const opened = await MemoryKv.open({ dir: meta }).then(
      async (kv) => {
        await kv.close();
        return 'opened';
      },
      (e: Error) => e.message,
    );
    t.equal(opened, 'opened', `${what}: ${opened}`);
  }
});
