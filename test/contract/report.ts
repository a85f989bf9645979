// The closing figures of the contract check (test/run.sh runs this after the suite): how many
// exchanges of the end-to-end tests were held against openapi/openapi.json, which operations
// they covered, and every violation. Exits 1 on any violation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractFigures } from '../support/contract.ts';

const dir = process.argv[2];
const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
const declared = Object.values<Record<string, { operationId: string }>>(doc.paths).flatMap((item) =>
  Object.values(item).map((op) => op.operationId),
);
const total: ContractFigures = { exchanges: 0, refused: 0, operations: {}, violations: [] };
let servers = 0;
for (const file of readdirSync(dir)) {
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
    const f = JSON.parse(line) as ContractFigures & { argv: string };
    servers++;
    total.exchanges += f.exchanges;
    total.refused += f.refused;
    for (const [id, n] of Object.entries(f.operations)) total.operations[id] = (total.operations[id] ?? 0) + n;
    total.violations.push(...f.violations.map((v) => `${f.argv}: ${v}`));
  }
}
const unexercised = declared.filter((id) => !total.operations[id]);
console.log(
  `contract: ${total.exchanges} exchanges of ${servers} test servers checked against openapi/openapi.json; ` +
    `${declared.length - unexercised.length}/${declared.length} operations exercised; ` +
    `${total.refused} requests outside the document answered 4xx; ${total.violations.length} violations`,
);
if (unexercised.length > 0) console.log(`contract: not exercised: ${unexercised.join(', ')}`);
for (const v of total.violations) console.log(`contract violation: ${v}`);
process.exit(servers === 0 || total.violations.length > 0 ? 1 : 0);
