// The listing scale row (listing-scale.ts): the first listDir page of a 1,000,000-entry
// directory against that of a 1,000-entry one, target <= 2 x.
import type { BenchGroup } from './bench-group.ts';
import { describeCpu, type ClientRun } from './client-process.ts';
import { measureListing } from './listing-scale.ts';
import { int, ratioRow } from './table.ts';

export const LISTING_TARGET = 2;

/**
 * A run's median page time (one request at a time, so latency is the page's cost): a burst from
 * a neighbour on a shared host moves the median of a run far less than its mean.
 */
const msPerPage = (r: ClientRun<'ops'>) => r.latencyMs.p50;

export const listingGroup: BenchGroup = {
  name: 'listing',
  async run(s) {
    const r = await measureListing({
      entries: s.listEntries,
      baseEntries: s.listBaseEntries,
      pages: s.listPages,
      rounds: s.listRounds,
    });
    const big = Math.min(...r.big.map(msPerPage));
    const base = Math.min(...r.base.map(msPerPage));
    const list = (runs: ClientRun<'ops'>[]) => runs.map((x) => msPerPage(x).toFixed(2)).join(', ');
    return {
      notes: [
        `Listing: ${int(s.listEntries)} and ${int(s.listBaseEntries)} empty files built in ${r.build.seconds.toFixed(1)} s ` +
          `(${int(r.build.keys)} KV keys; namespace createEntry, many per transaction, in a child process), then a CirrusFS ` +
          `server (memory metadata) started on them in its own process in ${r.serverStartSeconds.toFixed(1)} s; the client ` +
          `process asks for the first page (${r.pageEntries} entries, default page size) ${s.listPages} times per run, one at ` +
          `a time, ${s.listRounds} interleaved rounds after a warm-up run; the best run's median is reported.`,
        `  median ms per first page: ${int(s.listBaseEntries)} entries ${list(r.base)}; ${int(s.listEntries)} entries ${list(r.big)}; ` +
          `last round ${describeCpu(r.big[r.big.length - 1].cpu)}`,
      ],
      rows: [
        ratioRow(
          `listing first page, listDir GET /v1/fs/{fs}/dirs/{path}: ${int(s.listEntries)} vs ${int(s.listBaseEntries)} entries (median ms)`,
          big,
          base,
          { format: (n) => n.toFixed(2), unit: 'ms', target: { atMost: LISTING_TARGET } },
        ),
      ],
    };
  },
};
