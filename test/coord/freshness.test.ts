// The freshness deadline (coord/freshness.ts) and the leader-work fence (coord/leadership.ts),
// on an injected monotonic clock: no timers, no store.
import t from 'tap';
import { FreshnessDeadline } from '../../src/coord/freshness.ts';
import { assertLeading, LeadershipLost } from '../../src/coord/leadership.ts';

const TTL = 5_000;
const MARGIN = 1_000;

function deadlineAt(start: number) {
  const clock = { now: start };
  const d = new FreshnessDeadline({ ttlMs: TTL, marginMs: MARGIN, now: () => clock.now });
  return { d, clock };
}

t.test('a session with no confirmed renewal is never fresh', async (t) => {
  const { d } = deadlineAt(0);
  t.equal(d.fresh(), false);
});

t.test('fresh until the send time of the last confirmed renewal + TTL − margin, and not at that instant', async (t) => {
  const { d, clock } = deadlineAt(100);
  d.renewed(100);
  clock.now = 100 + TTL - MARGIN - 1;
  t.equal(d.fresh(), true, 'one millisecond before the deadline');
  clock.now = 100 + TTL - MARGIN;
  t.equal(d.fresh(), false, 'at the deadline');
  clock.now = 100 + TTL - 1;
  t.equal(d.fresh(), false, 'inside the margin, while the store still keeps the session');
});

t.test('the deadline counts from when a renewal was sent, not from when it was confirmed', async (t) => {
  const { d, clock } = deadlineAt(0);
  const sentAt = clock.now;
  clock.now = 3_000; // the answer took 3 s
  d.renewed(sentAt);
  clock.now = TTL - MARGIN;
  t.equal(d.fresh(), false);
});

t.test('a late confirmation of an older renewal never moves the deadline back', async (t) => {
  const { d, clock } = deadlineAt(0);
  d.renewed(2_000);
  d.renewed(500);
  t.equal(d.deadline(), 2_000 + TTL - MARGIN);
  clock.now = 500 + TTL - MARGIN;
  t.equal(d.fresh(), true);
});

t.test('a forgotten session is not fresh until a new renewal is confirmed', async (t) => {
  const { d, clock } = deadlineAt(0);
  d.renewed(0);
  d.forget();
  t.equal(d.fresh(), false, 'at once, well before the old deadline');
  clock.now = 10;
  d.renewed(10);
  t.equal(d.fresh(), true);
});

t.test('a margin outside [0, TTL) is refused', async (t) => {
  t.throws(() => new FreshnessDeadline({ ttlMs: TTL, marginMs: TTL }), /invariant violated/);
  t.throws(() => new FreshnessDeadline({ ttlMs: TTL, marginMs: -1 }), /invariant violated/);
});

t.test('assertLeading throws a LeadershipLost naming the work once the instance does not lead', async (t) => {
  let leads = true;
  const leadership = { leading: () => leads };
  t.doesNotThrow(() => assertLeading(leadership, 'the sweep'), 'while leading');
  leads = false;
  try {
    assertLeading(leadership, 'the sweep');
    t.fail('should have thrown');
  } catch (e) {
    t.ok(e instanceof LeadershipLost, 'a LeadershipLost');
    t.equal((e as LeadershipLost).name, 'LeadershipLost');
    t.equal((e as LeadershipLost).work, 'the sweep');
  }
});
