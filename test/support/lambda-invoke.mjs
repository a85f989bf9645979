// A fresh process as a Lambda instance: import a built handler, invoke it with the given
// events in order, print each answer as a JSON line, and return without exiting — the process
// must then end on its own (nothing may keep the event loop alive between invocations).
// Usage: node test/support/lambda-invoke.mjs dist/lambda.js events.json
// events.json: [{ "event": {…}, "remainingMs": 30000 } or { "sleepMs": 1000 }, …]. Timings (performance.now(), ms
// since the process started) go with each line: `imported`, then each answer's `at`; `cpu`
// is the process's CPU time so far.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
const [bundle, eventsFile] = process.argv.slice(2);
const invocations = JSON.parse(readFileSync(eventsFile, 'utf8'));
const { handler } = await import(pathToFileURL(resolve(bundle)).href);
const imported = performance.now();
/** CPU time (user + system) of this process so far, in ms: unlike wall time, not inflated by a busy machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
console.log(JSON.stringify({ started, imported, importedCpu: cpuMs() }));

for (const { event, remainingMs, sleepMs } of invocations) {
  if (sleepMs !== undefined) {
    await new Promise((r) => setTimeout(r, sleepMs)); // time between invocations
    continue;
  }
  const end = Date.now() + remainingMs;
  const context = {
    functionName: 'cirrusfs',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
  };
  const t0 = performance.now();
  const answer = await handler(event, context);
  console.log(JSON.stringify({ answer, ms: performance.now() - t0, at: performance.now(), cpu: cpuMs() }));
}
// What would keep this process alive now (timers, sockets, handles that are ref'd).
console.log(JSON.stringify({ alive: process.getActiveResourcesInfo() }));
