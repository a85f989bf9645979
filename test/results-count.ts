// Counts the suite's asserts from the TAP that tap saves for every test file
// (.tap/test-results/**/*.tap), for test/run.sh when tap ends without printing its own summary
// (its reporter draws that summary last, so a reporter that dies at the end takes it along).
// Counts as tap's summary does: leaf asserts only (a subtest's closing "ok" is not one); a file
// whose stream is not ok without a failing assert (a crash, a timeout, a bad plan) counts as
// one failure. Prints "PASS FAIL" on the last line, and every file that failed before it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'tap-parser';

const dir = process.argv[2] ?? '.tap/test-results';

interface Counts {
  pass: number;
  fail: number;
}

/** Counts leaf asserts of `p` and of every subtest under it into `into`. */
function watch(p: Parser, into: Counts): void {
  let openChildren = 0; // a child's closing assert follows its stream in the parent
  p.on('child', (child: Parser) => {
    openChildren++;
    watch(child, into);
  });
  p.on('assert', (r: { ok: boolean }) => {
    if (openChildren > 0) {
      openChildren--;
      return;
    }
    if (r.ok) into.pass++;
    else into.fail++;
  });
}

const total: Counts = { pass: 0, fail: 0 };
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tap'));
for (const file of files.sort()) {
  const counts: Counts = { pass: 0, fail: 0 };
  const ok = await new Promise<boolean>((resolve) => {
    const p = new Parser((results) => resolve(results.ok));
    watch(p, counts);
    p.end(readFileSync(join(dir, file), 'utf8'));
  });
  if (!ok && counts.fail === 0) counts.fail = 1;
  if (counts.fail > 0) console.log(`failed: ${file.replace(/\.tap$/, '')} (${counts.fail})`);
  total.pass += counts.pass;
  total.fail += counts.fail;
}
console.log(`${total.pass} ${total.fail}`);
