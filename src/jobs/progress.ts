// How a long admin job (dump, load, fsck) tells whoever runs it how far it has got: the `cirrus`
// command draws a bar on a terminal and prints plain lines elsewhere (cli/progress.ts); tests
// and library callers pass NO_PROGRESS. Jobs report, they never print.

export interface Progress {
  /**
   * A phase begins: its name, the work it will do in `unit`s (undefined when it cannot be
   * known beforehand, e.g. the objects a bucket prefix holds) and whether `total` is only an
   * estimate (e.g. from usage counters).
   */
  phase(name: string, opts: { unit: string; total?: number; estimated?: boolean }): void;
  /** Work done in the current phase so far, and counters worth showing beside it. */
  update(done: number, counters?: Readonly<Record<string, number>>): void;
  /** A line worth telling at once (a finding, a repair). */
  note(line: string): void;
  /** The current phase is over. */
  done(): void;
}

export const NO_PROGRESS: Progress = {
  phase: () => undefined,
  update: () => undefined,
  note: () => undefined,
  done: () => undefined,
};
