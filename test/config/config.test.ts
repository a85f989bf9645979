import t from 'tap';
import { parseDynamoUrl, sameConnection } from '../../src/aws/dynamodb-location.ts';
import { HelpRequested, loadConfig, parseBytes } from '../../src/config.ts';

t.test('defaults serve the embedded engines on loopback', async (t) => {
  const c = loadConfig({});
  t.match(c, {
    host: '127.0.0.1',
    port: 8080,
    meta: { engine: 'memory' },
    objects: { kind: 'file' },
    coord: { kind: 'local' },
    cacheMode: 'writeback',
  });
  t.equal(c.cacheBytes, 256 * 1024 * 1024);
  t.equal(c.intentTtlMs, 24 * 60 * 60 * 1000, 'unfinished uploads are collected after a day, unless their writer died');
  t.equal(loadConfig({ CIRRUS_INTENT_TTL_MS: '600000' }).intentTtlMs, 600_000);
});

t.test('flags override the environment', async (t) => {
  const c = loadConfig({ PORT: '9000' }, ['--port', '9100', '--cache', 'writethrough', '--cache-bytes', '128M']);
  t.match(c, { port: 9100, cacheMode: 'writethrough', cacheBytes: 128 * 1024 * 1024 });
});

t.test('bad settings are refused with a clear EINVAL', async (t) => {
  for (const [env, why] of [
    [{ PORT: '99999' }, /PORT/],
    [{ CIRRUS_META: 'postgres://x' }, /CIRRUS_META/],
    [{ CIRRUS_OBJECTS: 'ftp://x' }, /CIRRUS_OBJECTS/],
    [{ CIRRUS_CACHE: 'sometimes' }, /CIRRUS_CACHE/],
    [{ CIRRUS_CACHE_BYTES: '1M' }, /at least/],
    [{ HOST: '0.0.0.0' }, /no authentication/],
    [{ CIRRUS_INTENT_TTL_MS: '5000' }, /CIRRUS_INTENT_TTL_MS must be an integer ≥ 60000/],
  ] as const) {
    t.throws(() => loadConfig(env), { code: 'EINVAL', message: why }, JSON.stringify(env));
  }
  t.equal(
    loadConfig({ HOST: '0.0.0.0', CIRRUS_ALLOW_UNAUTHENTICATED: 'true' }).host,
    '0.0.0.0',
    'unless the operator allows it',
  );
  t.equal(parseBytes('x', '2G'), 2 * 1024 ** 3);
  t.match(loadConfig({ CIRRUS_OBJECTS: 's3://bucket/pre?endpoint=http%3A%2F%2F127.0.0.1%3A9000' }).objects, {
    kind: 's3',
    location: { bucket: 'bucket', prefix: 'pre/' },
  });
});

t.test('CORS origins: off by default, a list, or any', async (t) => {
  t.same(loadConfig({}).corsOrigins, [], 'off');
  t.same(loadConfig({ CIRRUS_CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins, [
    'https://a.example',
    'http://b.example:8080',
  ]);
  t.same(loadConfig({}, ['--cors-origins', '*']).corsOrigins, ['*'], 'the flag, any origin');
  t.throws(() => loadConfig({ CIRRUS_CORS_ORIGINS: 'a.example/path' }), { code: 'EINVAL' }, 'not an origin');
});

t.test('--help is asked for, not refused as an unknown flag', async (t) => {
  t.throws(() => loadConfig({}, ['--help']), HelpRequested);
  t.throws(() => loadConfig({}, ['-h']), HelpRequested);
});

t.test('CIRRUS_COORD=dynamodb://TABLE takes the same form as CIRRUS_META, and may name the same table', async (t) => {
  const url = 'dynamodb://cirrus?endpoint=http%3A%2F%2F127.0.0.1%3A8000';
  const config = loadConfig({ CIRRUS_META: url, CIRRUS_COORD: url });
  t.same(config.coord, {
    kind: 'dynamodb',
    location: {
      table: 'cirrus',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:8000',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
  });
  t.ok(
    sameConnection(parseDynamoUrl('CIRRUS_COORD', url), parseDynamoUrl('CIRRUS_META', url.replace('cirrus', 'other'))),
    'one DynamoDB connection serves both, whatever the tables',
  );
  t.notOk(
    sameConnection(
      parseDynamoUrl('CIRRUS_COORD', url),
      parseDynamoUrl('CIRRUS_COORD', 'dynamodb://cirrus?region=eu-west-1'),
    ),
    'another region or endpoint is another connection',
  );
  t.throws(() => loadConfig({ CIRRUS_COORD: 'dynamodb://x' }), {
    code: 'EINVAL',
    message: /CIRRUS_COORD=dynamodb:\/\/x/,
  });
  t.throws(() => loadConfig({ CIRRUS_COORD: 'zookeeper://x' }), {
    code: 'EINVAL',
    message: /supported are local, etcd:\/\/.* and dynamodb:\/\//,
  });
});

t.test('CIRRUS_META=dynamodb://TABLE names the table, region, endpoint and credentials', async (t) => {
  const local = loadConfig({ CIRRUS_META: 'dynamodb://cirrus-meta?endpoint=http%3A%2F%2F127.0.0.1%3A8000' }).meta;
  t.same(local, {
    engine: 'dynamodb',
    location: {
      table: 'cirrus-meta',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:8000',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
  });
  t.same(
    loadConfig({ CIRRUS_META: 'dynamodb://Meta_Table.1?region=eu-west-1' }).meta,
    {
      engine: 'dynamodb',
      location: { table: 'Meta_Table.1', region: 'eu-west-1', endpoint: undefined, credentials: undefined },
    },
    'in AWS: the default credential chain',
  );
  t.match(loadConfig({ CIRRUS_META: 'dynamodb://tbl?endpoint=https://ddb.example&accessKey=AK&secretKey=SK' }).meta, {
    location: { credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } },
  });
  for (const [url, why] of [
    ['dynamodb://ab', /not a DynamoDB table name/],
    ['dynamodb://has space', /not a (URL|DynamoDB table name)/],
    ['dynamodb://tbl/sub', /no "\/"/],
    ['dynamodb://tbl?endpoint=ftp://x', /not an http\(s\) URL/],
    ['dynamodb://tbl?endpoint=localhost:8000', /not an http\(s\) URL/],
    ['dynamodb://tbl?accessKey=AK', /both accessKey and secretKey/],
    ['dynamodb://tbl?table=x', /unknown parameter "table"/],
  ] as const) {
    t.throws(() => loadConfig({ CIRRUS_META: url }), { code: 'EINVAL', message: why }, url);
  }
});

t.test('timeouts for slow clients and a stalled S3: defaults, settings, bad values', async (t) => {
  const d = loadConfig({});
  t.same(d.timeouts, { headersMs: 20_000, requestMs: 3_600_000, bodyIdleMs: 30_000 }, 'defaults');
  const c = loadConfig(
    { CIRRUS_HEADERS_TIMEOUT_MS: '5000', CIRRUS_OBJECTS: 's3://b?endpoint=http%3A%2F%2F127.0.0.1%3A9000' },
    ['--request-timeout-ms', '0', '--body-idle-timeout-ms', '1500', '--s3-timeout-ms', '2500'],
  );
  t.same(c.timeouts, { headersMs: 5000, requestMs: 0, bodyIdleMs: 1500 }, 'environment and flags; 0 = no limit');
  t.match(c.objects, { kind: 's3', idleTimeoutMs: 2500 });
  for (const [env, why] of [
    [{ CIRRUS_HEADERS_TIMEOUT_MS: '0' }, /CIRRUS_HEADERS_TIMEOUT_MS.*≥ 100/],
    [{ CIRRUS_BODY_IDLE_TIMEOUT_MS: '50' }, /CIRRUS_BODY_IDLE_TIMEOUT_MS/],
    [{ CIRRUS_REQUEST_TIMEOUT_MS: 'soon' }, /CIRRUS_REQUEST_TIMEOUT_MS/],
    [{ CIRRUS_S3_TIMEOUT_MS: '-1' }, /CIRRUS_S3_TIMEOUT_MS/],
    [{ CIRRUS_HEADERS_TIMEOUT_MS: '9000', CIRRUS_REQUEST_TIMEOUT_MS: '5000' }, /must not exceed/],
  ] as const) {
    t.throws(() => loadConfig(env), { code: 'EINVAL', message: why }, JSON.stringify(env));
  }
});
