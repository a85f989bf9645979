// CirrusFS on AWS Lambda (README "Deploy"): one function (dist/lambda.js) behind an HTTP API
// and a Function URL; metadata in one DynamoDB table, contents in one S3 bucket under a
// prefix; the background jobs from an EventBridge schedule. Callers authenticate with
// CirrusFS's bearer tokens (the authentication document in a Secrets Manager secret) or, in
// 'iam' mode, with IAM on both fronts. The function's role can reach that table, that prefix,
// that secret and its own log group, and nothing else.
import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, Function as LambdaFn, FunctionUrlAuthType, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The function's time: HTTP API integrations end at 30 s anyway; a scheduled pass uses the
 * rest, up to the server's margin (src/lambda.ts SWEEP_MARGIN_MS = 10 s) before this.
 */
export const FUNCTION_TIMEOUT = Duration.seconds(60);
/** Longer than FUNCTION_TIMEOUT, so two scheduled passes never overlap. */
export const JOBS_SCHEDULE = Schedule.rate(Duration.minutes(5));
/** Multipart uploads a client started and never finished are aborted after this many days. */
export const ABORT_MULTIPART_AFTER = Duration.days(1);
export const LOG_RETENTION = RetentionDays.ONE_MONTH;

/** What a transaction of the DynamoDB engine does (TransactWriteItems is authorised per item action). */
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/** Block objects are written once, read, and deleted; multipart pieces of a large block too. */
const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

export interface CirrusStackProps extends StackProps {
  /** The Lambda package: dist/ of `npm run build` without the server bundle. */
  code: Code;
  /** Where in the bucket CirrusFS keeps its objects (ends with "/"). */
  objectPrefix?: string;
  /** Origins allowed to PUT and GET objects directly (presigned URLs of the direct data plane). */
  corsOrigins?: string[];
  /** Memory (and so CPU) of the function, in MB. */
  memorySize?: number;
  /**
   * Who may call the API. 'bearer': CirrusFS's own authentication (README "Security"): the
   * fronts let every request through and the function checks its bearer token against the
   * authentication document in a Secrets Manager secret, which starts with one admin token
   * (`adminTokenSha256`, the SHA-256 of a token made with `npm run token`); scopes and POSIX
   * permissions apply per token. 'iam': the fronts require IAM (SigV4) and the function serves
   * every signed caller as root (SigV4 takes the Authorization header, so the two cannot be
   * combined on one request).
   */
  auth: { mode: 'bearer'; adminTokenSha256: string } | { mode: 'iam' };
}

/**
 * The first authentication document: one admin token (uid 0, every filesystem). The operator
 * adds tokens and issuers by updating the secret; the function reads it at its next cold start.
 */
function authDocument(adminTokenSha256: string) {
  if (!/^[0-9a-f]{64}$/.test(adminTokenSha256)) {
    throw new Error("adminTokenSha256 must be the 64 hex digits of a token's SHA-256 (npm run token)");
  }
  return {
    version: 1,
    keys: [{ subject: 'admin', sha256: adminTokenSha256, uid: 0, gid: 0, scopes: { '*': ['admin'] } }],
  };
}

export class CirrusStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly fn: LambdaFn;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: CirrusStackProps) {
    super(scope, id, props);
    const prefix = props.objectPrefix ?? 'fs/';
    if (!/^([^/]+\/)+$/.test(prefix)) throw new Error(`objectPrefix must be like "fs/" (got "${prefix}")`);

    // The layout the DynamoDB engine expects: pk = a key's group, sk = its item (both bytes);
    // attributes v (version) and val (value) need no definition.
    this.table = new Table(this, 'Metadata', {
      partitionKey: { name: 'pk', type: AttributeType.BINARY },
      sortKey: { name: 'sk', type: AttributeType.BINARY },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Objects', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: ABORT_MULTIPART_AFTER },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: props.corsOrigins ?? ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Content-Length', 'Content-Range'],
          maxAge: 3600,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const authConfig =
      props.auth.mode === 'bearer'
        ? new Secret(this, 'AuthConfig', {
            description: 'CirrusFS authentication document (README "Security"): bearer token hashes, JWT issuers',
            secretStringValue: SecretValue.unsafePlainText(JSON.stringify(authDocument(props.auth.adminTokenSha256))),
          })
        : undefined;

    const logs = new LogGroup(this, 'Logs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
    // A role of our own: no managed policy (AWSLambdaBasicExecutionRole may write to any log group).
    const role = new Role(this, 'FunctionRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logs.grantWrite(role);
    role.addToPolicy(new PolicyStatement({ actions: TABLE_ACTIONS, resources: [this.table.tableArn] }));
    role.addToPolicy(
      new PolicyStatement({ actions: OBJECT_ACTIONS, resources: [this.bucket.arnForObjects(`${prefix}*`)] }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    authConfig?.grantRead(role);

    this.fn = new LambdaFn(this, 'Function', {
      runtime: Runtime.NODEJS_24_X,
      // The package carries @node-rs/crc32's linux-x64-gnu binary (scripts/build.ts).
      architecture: Architecture.X86_64,
      handler: 'lambda.handler',
      code: props.code,
      memorySize: props.memorySize ?? 1024,
      timeout: FUNCTION_TIMEOUT,
      role,
      logGroup: logs,
      environment: {
        CIRRUS_META: `dynamodb://${this.table.tableName}?region=${this.region}`,
        CIRRUS_OBJECTS: `s3://${this.bucket.bucketName}/${prefix}?region=${this.region}`,
        CIRRUS_CACHE: 'writethrough',
        ...(authConfig
          ? { CIRRUS_AUTH_SECRET_ARN: authConfig.secretArn }
          : // Both fronts below authenticate callers (IAM, SigV4) before the function runs.
            { CIRRUS_ALLOW_UNAUTHENTICATED: 'true' }),
        CIRRUS_LOG_LEVEL: 'info',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    this.api = new HttpApi(this, 'Api', {
      description: 'CirrusFS REST API',
      defaultIntegration: new HttpLambdaIntegration('Function', this.fn),
      defaultAuthorizer: authConfig ? undefined : new HttpIamAuthorizer(),
    });
    const url = this.fn.addFunctionUrl({
      authType: authConfig ? FunctionUrlAuthType.NONE : FunctionUrlAuthType.AWS_IAM,
    });

    new Rule(this, 'Jobs', {
      description: 'CirrusFS background jobs: one bounded sweeper pass',
      schedule: JOBS_SCHEDULE,
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })], // the next pass is the retry
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'FunctionUrl', { value: url.url });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    if (authConfig) new CfnOutput(this, 'AuthSecretArn', { value: authConfig.secretArn });
  }
}
