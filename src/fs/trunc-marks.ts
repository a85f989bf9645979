// Truncation marks (fs/attrs.ts; model.ts TruncMark): a shrink records {after, length} on the
// inode instead of rewriting slices — slices committed before it (seq ≤ after) hold no data at
// or past `length`.
//
// Marks are kept ordered by `after` with growing lengths (a new mark drops older ones at or
// past its length, which it implies). So for a slice, of all marks at or after its seq, the
// first has the smallest length: that one alone decides what is voided of it (it *governs*
// the slice). A mark that voids no byte of any slice it governs can go: the slices it governed
// fall to the next mark, whose length is larger still, so they lose nothing there either.
import type { Slice, TruncMark } from './model.ts';

/** Marks are pruned against the file's slices once there are more than this many. */
export const TRUNC_MARKS_PRUNE_AT = 16;

/** Add a mark for a shrink to `length`; older marks at or past it are implied by the new one. */
export function addTruncMark(marks: readonly TruncMark[], mark: TruncMark): TruncMark[] {
  return [...marks.filter((m) => m.length < mark.length), mark];
}

/** The marks that still void some byte of the file's slices (all of them, of its current generation). */
export function pruneTruncMarks(
  marks: readonly TruncMark[],
  slices: readonly Pick<Slice, 'seq' | 'offset' | 'len'>[],
): TruncMark[] {
  const sorted = [...marks].sort((a, b) => a.after - b.after); // stable: equal `after`, growing lengths
  const voiding = new Set<TruncMark>();
  for (const s of slices) {
    const governing = sorted.find((m) => m.after >= s.seq);
    if (governing && s.offset + s.len > governing.length) voiding.add(governing);
  }
  return sorted.filter((m) => voiding.has(m));
}
