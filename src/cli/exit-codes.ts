// `cirrus` exit codes, one table for every command, e2fsck's numbers (jobs/fsck/findings.ts
// EXIT) so that scripts written for fsck(8) read ours: 0 success (fsck: clean), 1 fsck
// repaired everything it found, 4 fsck left damage unrepaired, 8 the command could not do its
// work (a store unreachable or busy, a dump refused, an API error), 16 bad usage.
import { EXIT } from '../jobs/fsck/findings.ts';

export const CLI_EXIT = {
  ok: EXIT.clean,
  repaired: EXIT.repaired,
  damaged: EXIT.damaged,
  failed: EXIT.failed,
  usage: EXIT.usage,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0   success (fsck/gc: clean)
  1   fsck/gc: everything found was repaired
  4   fsck/gc: damage left unrepaired (run with --repair, or see the findings)
  8   the command failed (store unreachable or busy, dump refused, API error)
  16  bad usage`;
