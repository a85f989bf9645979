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
// `-c cirrusfs:adminTokenSha256=…` (npm run token at the root): CirrusFS's bearer tokens;
// `-c cirrusfs:auth=iam`: IAM (SigV4) on the fronts instead, every signed caller root.
const adminTokenSha256 = app.node.tryGetContext('cirrusfs:adminTokenSha256');
const iam = app.node.tryGetContext('cirrusfs:auth') === 'iam';
if (!iam && !adminTokenSha256) {
  throw new Error('give -c cirrusfs:adminTokenSha256=<sha256 of a token> (npm run token), or -c cirrusfs:auth=iam');
}
new CirrusStack(app, 'CirrusFS', {
  auth: iam ? { mode: 'iam' } : { mode: 'bearer', adminTokenSha256 },
  code: Code.fromAsset(dist, { exclude: ['server.js', 'server.js.map'] }),
  objectPrefix: app.node.tryGetContext('cirrusfs:objectPrefix'),
  corsOrigins: app.node.tryGetContext('cirrusfs:corsOrigins'),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
