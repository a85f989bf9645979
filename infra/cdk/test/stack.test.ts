// The CirrusFS stack, synthesized offline and checked: the HTTP API and Function URL reach the
// function with IAM auth; the table has the DynamoDB engine's layout; the bucket is private,
// encrypted, cleans up multipart uploads and allows the direct data plane's CORS; a schedule
// runs the jobs; the function's role reaches only the table, the bucket prefix, the secret
// and its own logs; logs are kept a bounded time.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { CirrusStack } from '../lib/cirrus-stack.ts';

const pkg = mkdtempSync(join(tmpdir(), 'cirrus-cdk-'));
writeFileSync(join(pkg, 'lambda.js'), 'export const handler = async () => ({ statusCode: 200 });\n');
const ADMIN_SHA256 = 'a'.repeat(64);
const stack = new CirrusStack(new App(), 'CirrusFS', {
  code: Code.fromAsset(pkg),
  objectPrefix: 'fs/',
  corsOrigins: ['https://app.example.com'],
  auth: { mode: 'bearer', adminTokenSha256: ADMIN_SHA256 },
  env: { account: '123456789012', region: 'eu-west-1' },
});
/** The same stack with IAM on both fronts instead of CirrusFS's tokens. */
const iamTemplate = Template.fromStack(
  new CirrusStack(new App(), 'CirrusFS', {
    code: Code.fromAsset(pkg),
    auth: { mode: 'iam' },
    env: { account: '123456789012', region: 'eu-west-1' },
  }),
);
const template = Template.fromStack(stack);
const fnId = stack.getLogicalId(stack.fn.node.defaultChild as never);
const tableId = stack.getLogicalId(stack.table.node.defaultChild as never);
const bucketId = stack.getLogicalId(stack.bucket.node.defaultChild as never);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };
const roleStatements = (): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

test('the HTTP API sends every route to the function, payload format 2.0; the function authenticates', () => {
  template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'NONE' });
  template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
    IntegrationType: 'AWS_PROXY',
    PayloadFormatVersion: '2.0',
    IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
  });
  template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
});

test('the Function URL lets requests through to the function, which checks their bearer tokens', () => {
  template.hasResourceProperties('AWS::Lambda::Url', {
    AuthType: 'NONE',
    TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
  });
});

test('iam mode: both fronts require IAM (SigV4), the function serves signed callers, no secret', () => {
  iamTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'AWS_IAM' });
  iamTemplate.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  iamTemplate.hasResourceProperties('AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike({ CIRRUS_ALLOW_UNAUTHENTICATED: 'true' }) },
  });
  iamTemplate.resourceCountIs('AWS::SecretsManager::Secret', 0);
});

test('a token hash that is not 64 hex digits is refused at synthesis', () => {
  assert.throws(
    () =>
      new CirrusStack(new App(), 'Bad', {
        code: Code.fromAsset(pkg),
        auth: { mode: 'bearer', adminTokenSha256: 'secret' },
      }),
    /64 hex digits/,
  );
});

test('the function: Node 24, the built handler, write-through, its backends and the auth secret by ARN', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Handler: 'lambda.handler',
    Architectures: ['x86_64'],
    Timeout: 60,
    Environment: {
      Variables: {
        CIRRUS_META: { 'Fn::Join': ['', ['dynamodb://', { Ref: tableId }, '?region=eu-west-1']] },
        CIRRUS_OBJECTS: { 'Fn::Join': ['', ['s3://', { Ref: bucketId }, '/fs/?region=eu-west-1']] },
        CIRRUS_CACHE: 'writethrough',
        CIRRUS_AUTH_SECRET_ARN: { Ref: Match.stringLikeRegexp('AuthConfig') },
      },
    },
  });
  const secret = Object.values(template.findResources('AWS::SecretsManager::Secret'))[0] as {
    Properties: { SecretString: string };
  };
  assert.deepEqual(
    JSON.parse(secret.Properties.SecretString),
    {
      version: 1,
      keys: [{ subject: 'admin', sha256: ADMIN_SHA256, uid: 0, gid: 0, scopes: { '*': ['admin'] } }],
    },
    'the authentication document starts with the admin token',
  );
});

test('the table: on-demand, point-in-time recovery, pk and sk binary', () => {
  template.resourceCountIs('AWS::DynamoDB::Table', 1);
  template.hasResourceProperties('AWS::DynamoDB::Table', {
    BillingMode: 'PAY_PER_REQUEST',
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: Match.arrayWith([
      { AttributeName: 'pk', AttributeType: 'B' },
      { AttributeName: 'sk', AttributeType: 'B' },
    ]),
  });
  template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
});

test('the bucket: no public access, encrypted, TLS only, multipart clean-up, CORS for direct transfers', () => {
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
    LifecycleConfiguration: {
      Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })],
    },
    CorsConfiguration: {
      CorsRules: [
        Match.objectLike({
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
          AllowedOrigins: ['https://app.example.com'],
          ExposedHeaders: Match.arrayWith(['ETag']),
        }),
      ],
    },
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
});

test('a schedule invokes the function for the background jobs', () => {
  template.hasResourceProperties('AWS::Events::Rule', {
    ScheduleExpression: 'rate(5 minutes)',
    State: 'ENABLED',
    Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
  });
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    Principal: 'events.amazonaws.com',
    FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
  });
});

test('least privilege: the table, the bucket prefix, the secret and its own logs, nothing else', () => {
  const statements = roleStatements().filter((s) => s.Effect === 'Allow');
  assert.ok(statements.length > 0);
  for (const s of statements) assert.notEqual(s.Resource, '*', `no statement on every resource: ${JSON.stringify(s)}`);
  const dynamo = statements.filter((s) => actions(s).some((a) => a.startsWith('dynamodb:')));
  assert.deepEqual(
    dynamo.map((s) => s.Resource),
    [{ 'Fn::GetAtt': [tableId, 'Arn'] }],
    'DynamoDB: this table only',
  );
  assert.ok(!actions(dynamo[0]).some((a) => /Scan|DeleteTable|CreateTable|\*/.test(a)), 'no scans, no table admin');
  const s3 = statements.filter((s) => actions(s).some((a) => a.startsWith('s3:')));
  const objects = s3.find((s) => actions(s).includes('s3:PutObject'))!;
  assert.deepEqual(
    objects.Resource,
    { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/fs/*']] },
    'objects under the prefix',
  );
  const list = s3.find((s) => actions(s).includes('s3:ListBucket'))!;
  assert.deepEqual(list.Condition, { StringLike: { 's3:prefix': ['fs/*'] } }, 'listing under the prefix');
  assert.equal(s3.length, 2, 'no other S3 access');
  const secrets = statements.filter((s) => actions(s).some((a) => a.startsWith('secretsmanager:')));
  assert.deepEqual(
    secrets.map((s) => s.Resource),
    [{ Ref: secretId() }],
    'the auth secret only',
  );
  const logs = statements.filter((s) => actions(s).some((a) => a.startsWith('logs:')));
  assert.ok(
    logs.every((s) => JSON.stringify(s.Resource).includes(logGroupId())),
    'its own log group only',
  );
  const covered = [...dynamo, ...s3, ...secrets, ...logs];
  assert.equal(covered.length, statements.length, 'nothing beyond those');
  const roles = template.findResources('AWS::IAM::Role');
  for (const r of Object.values(roles)) {
    assert.equal(
      (r as { Properties: { ManagedPolicyArns?: unknown } }).Properties.ManagedPolicyArns,
      undefined,
      'no managed policies',
    );
  }
});

test('logs are kept a bounded time, in the log group the function writes to', () => {
  template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId() } } });
});

test('a malformed object prefix is refused', () => {
  assert.throws(
    () => new CirrusStack(new App(), 'Bad', { code: Code.fromAsset(pkg), auth: { mode: 'iam' }, objectPrefix: '/fs' }),
    /objectPrefix must be like/,
  );
});

function secretId(): string {
  return Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
}

function logGroupId(): string {
  return Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
}
