// How the DynamoDB benchmark's results (dynamodb-rates.ts) are shown: description lines and
// the rows of the benchmark table, with the targets of the DynamoDB engine.
import { DYNAMO_SCENARIOS, type DynamoCost, type DynamoRates, describeDynamoRound } from './dynamodb-rates.ts';
import { RAW_TX_SHAPE } from './dynamodb-raw-spec.ts';
import { fixed, int, type Row, verdict } from './table.ts';

/** A create over HTTP against single-item conditional PutItems on the same DynamoDB. */
export const DYNAMO_CREATE_TARGET = 0.5;
/** A getattr over HTTP against single-item GetItems on the same DynamoDB. */
export const DYNAMO_GETATTR_TARGET = 0.7;

const TITLES = {
  rawPut: 'raw PutItem, attribute_not_exists, new keys',
  rawTx: `raw TransactWriteItems shaped like a create's commit: ${RAW_TX_SHAPE}`,
  rawTx1: 'raw TransactWriteItems of one conditional Put, new keys',
  create: 'HTTP create POST …/inodes/{dir}/entries',
  rawGet: 'raw GetItem, ConsistentRead, one key',
  getattr: 'HTTP getattr GET …/inodes/{ino} (a file)',
} as const;

const avg = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');

export function describeDynamo(r: DynamoRates): string[] {
  const s = r.settings;
  return [
    `DynamoDB: DynamoDB Local (Amazon's jar, in memory, harness) and one CirrusFS server on it in the benchmark process; ` +
      `${Math.max(s.warmupSeconds, 3)} s warm-up per scenario (the JVM's JIT), then ${s.rounds} interleaved rounds of ${s.seconds} s per scenario, best round ` +
      `reported; raw DynamoDB calls from ${s.connections} workers in a load generator process, HTTP via autocannon ` +
      `(${s.connections} connections) in another. Load average (1, 5, 15 min) before: ${avg(r.loadavg.before)}, ` +
      `after: ${avg(r.loadavg.after)}.`,
    ...DYNAMO_SCENARIOS.map(
      (n) =>
        `  ${n} (${TITLES[n]}): best ${describeDynamoRound(r.best[n])}; rounds: ${r.rounds[n].map((q) => int(q.rate)).join(', ')}/s`,
    ),
    'Costs: calls and items per operation as the engine counted them (under load: over the measured rounds, per ' +
      'answered request; otherwise one operation at a time, 40 of each, the creates in a new directory), the capacity units DynamoDB Local reported ' +
      '(ReturnConsumedCapacity TOTAL; it does not bill transactional writes as AWS does), and what AWS bills for ' +
      'them by its published rule for items this small: 1 RCU per strongly consistent item read (a Query page of ' +
      'small entries: 1), 2 RCU per TransactGetItems item, 2 WCU per TransactWriteItems item (ConditionCheck ' +
      'included).',
  ];
}

/** AWS's rule for small items (≤ 1 KB written, ≤ 4 KB read): what the calls of `c` bill. */
function awsUnits(c: DynamoCost): string {
  const i = (op: string) => c.items[op] ?? 0;
  const rcu = i('GetItem') + i('BatchGetItem') + 2 * i('TransactGetItems') + (c.calls.Query ?? 0);
  const wcu = 2 * i('TransactWriteItems');
  return `${fixed(rcu)} RCU, ${fixed(wcu)} WCU`;
}

function costText(c: DynamoCost): string {
  const calls = Object.entries(c.calls)
    .map(([op, n]) => `${fixed(n)} ${op} (${fixed((c.items[op] ?? 0) / n)} items each)`)
    .join(' + ');
  const again = c.retried + c.reruns > 0 ? `; calls sent again ${fixed(c.retried)}, runs again ${fixed(c.reruns)}` : '';
  return `${calls || 'none'}; Local reported ${fixed(c.readUnits)} RCU, ${fixed(c.writeUnits)} WCU; AWS rule: ${awsUnits(c)}${again}`;
}

export function dynamoRows(r: DynamoRates): Row[] {
  const c = r.settings.connections;
  const createRatio = r.best.create.rate / r.best.rawPut.rate;
  const getattrRatio = r.best.getattr.rate / r.best.rawGet.rate;
  return [
    { metric: `dynamodb raw conditional PutItem, ${c} workers (put/s)`, value: int(r.best.rawPut.rate) },
    {
      metric: `dynamodb http create POST …/entries, ${c} conns (201/s)`,
      value: int(r.best.create.rate),
      baseline: int(r.best.rawPut.rate),
      ratio: fixed(createRatio),
      target: `>= ${fixed(DYNAMO_CREATE_TARGET)}`,
      verdict: verdict(createRatio >= DYNAMO_CREATE_TARGET),
    },
    {
      metric: `dynamodb raw TransactWriteItems, ${RAW_TX_SHAPE} (tx/s)`,
      value: int(r.best.rawTx.rate),
      baseline: int(r.best.rawPut.rate),
      ratio: fixed(r.best.rawTx.rate / r.best.rawPut.rate),
    },
    {
      metric:
        'dynamodb raw TransactWriteItems of one conditional Put (tx/s): the ceiling of any one-transaction create',
      value: int(r.best.rawTx1.rate),
      baseline: int(r.best.rawPut.rate),
      ratio: fixed(r.best.rawTx1.rate / r.best.rawPut.rate),
    },
    {
      metric: 'dynamodb http create vs the raw create-shaped transaction (info)',
      value: int(r.best.create.rate),
      baseline: int(r.best.rawTx.rate),
      ratio: fixed(r.best.create.rate / r.best.rawTx.rate),
    },
    { metric: `dynamodb raw GetItem (consistent), ${c} workers (get/s)`, value: int(r.best.rawGet.rate) },
    {
      metric: `dynamodb http getattr GET …/inodes/{ino}, ${c} conns (req/s)`,
      value: int(r.best.getattr.rate),
      baseline: int(r.best.rawGet.rate),
      ratio: fixed(getattrRatio),
      target: `>= ${fixed(DYNAMO_GETATTR_TARGET)}`,
      verdict: verdict(getattrRatio >= DYNAMO_GETATTR_TARGET),
    },
    {
      metric: 'dynamodb http create / getattr: failures (all rounds)',
      value: `${int(r.rounds.create.reduce((n, x) => n + x.failed, 0))} / ${int(r.rounds.getattr.reduce((n, x) => n + x.failed, 0))}`,
    },
    {
      metric: `dynamodb per create under load (${c} conns): calls; capacity units`,
      value: costText(r.underLoad.create),
    },
    { metric: `dynamodb per getattr under load (${c} conns)`, value: costText(r.underLoad.getattr) },
    { metric: 'dynamodb per create: calls; capacity units', value: costText(r.costs.create) },
    { metric: 'dynamodb per getattr of a file', value: costText(r.costs.getattrFile) },
    { metric: 'dynamodb per getattr of a directory', value: costText(r.costs.getattrDir) },
    { metric: 'dynamodb per readdir page of 100 entries', value: costText(r.costs.readdir) },
    { metric: 'dynamodb per rename (same directory)', value: costText(r.costs.rename) },
    {
      metric: 'load average before -> after the DynamoDB part (1 min)',
      value: `${fixed(r.loadavg.before[0])} -> ${fixed(r.loadavg.after[0])}`,
    },
  ];
}
