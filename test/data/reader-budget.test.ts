// The fetch budget of streamed reads (data/reader.ts, data/byte-budget.ts): reads share it,
// each always has one fetch in flight, and every byte taken is given back — when the read ends,
// and when its client goes away in the middle.
import t from 'tap';
import { ByteBudget } from '../../src/data/byte-budget.ts';
import type { Piece } from '../../src/data/planner.ts';
import { FETCH_AHEAD_BYTES, streamPieces, type FetchObject } from '../../src/data/reader.ts';

const PIECE = 1024 * 1024;

function pieces(n: number, tag: string): Piece[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'object',
    offset: i * PIECE,
    len: PIECE,
    key: `${tag}${i}`,
    objectOffset: 0,
  }));
}

/** A store whose GETs answer when `release` is called; counts the GETs in flight. */
function slowStore() {
  const waiting: (() => void)[] = [];
  const state = { inFlight: 0, peak: 0 };
  const fetch: FetchObject = (_key, range) =>
    new Promise((resolve) => {
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      waiting.push(() => {
        state.inFlight--;
        resolve([Buffer.alloc(range.end - range.start, 7)]);
      });
    });
  const release = () => {
    for (const go of waiting.splice(0)) go();
  };
  return { fetch, release, state };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

t.test('two reads share the budget; each keeps at least one fetch going; all is given back at the end', async (t) => {
  const budget = new ByteBudget(3 * PIECE, 'read');
  const store = slowStore();
  const n = 8;
  const a = streamPieces(store.fetch, pieces(n, 'a'), async () => [], n * PIECE, budget);
  const b = streamPieces(store.fetch, pieces(n, 'b'), async () => [], n * PIECE, budget);
  const got = { a: 0, b: 0 };
  a.on('data', (c: Buffer) => (got.a += c.length));
  b.on('data', (c: Buffer) => (got.b += c.length));
  const ended = Promise.all([new Promise((r) => a.on('end', r)), new Promise((r) => b.on('end', r))]);
  await tick();
  t.equal(store.state.inFlight, 4, 'the first read takes the budget (3 pieces), the second forces its one');
  t.ok(budget.usedBytes <= 4 * PIECE, 'over the budget by at most one piece per read');
  while (got.a + got.b < 2 * n * PIECE) {
    store.release();
    await tick();
    t.ok(budget.usedBytes <= 4 * PIECE, `bounded while streaming (${budget.usedBytes} bytes)`);
  }
  await ended;
  t.ok(FETCH_AHEAD_BYTES >= 3 * PIECE, 'the budget, not the window, bounded the first read');
  t.equal(budget.usedBytes, 0, 'every byte given back');
});

t.test('a read whose client goes away gives its bytes back', async (t) => {
  const budget = new ByteBudget(64 * PIECE, 'read');
  const store = slowStore();
  const s = streamPieces(store.fetch, pieces(40, 'c'), async () => [], 40 * PIECE, budget);
  s.once('data', () => s.destroy());
  s.resume();
  await tick();
  t.ok(budget.usedBytes > 0, 'fetches ahead hold bytes');
  store.release();
  await new Promise((r) => s.on('close', r));
  await tick();
  store.release();
  t.equal(budget.usedBytes, 0, 'given back after the stream was destroyed');
});
