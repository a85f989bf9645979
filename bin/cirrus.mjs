#!/usr/bin/env node
// The `cirrus` command (package.json "bin"): runs src/cli/main.ts through tsx, as `npm start`
// runs the server. Admin commands exit when done; `cirrus serve` keeps the process.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const outcome = await main(process.argv.slice(2));
if (!outcome.stay) {
  // stdout may be a pipe still draining the result: exit once it is written.
  process.stdout.write('', () => process.exit(outcome.code));
}
