// `npx cdk synth` / `npx cdk deploy` (from infra/cdk, after `npm run build` at the repository
// root): the CirrusFS stack with the built Lambda package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { CirrusStack } from '../lib/cirrus-stack.ts';

const dist = fileURLToPath(new URL('../../../dist', import.meta.url));
if (!existsSync(`${dist}/lambda.js`))
  throw new Error(`${dist}/lambda.js is missing: run \`npm run build\` at the root`);

const app = new App();
new CirrusStack(app, 'CirrusFS', {
  code: Code.fromAsset(dist, { exclude: ['server.js', 'server.js.map'] }),
  objectPrefix: app.node.tryGetContext('cirrusfs:objectPrefix'),
  corsOrigins: app.node.tryGetContext('cirrusfs:corsOrigins'),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
