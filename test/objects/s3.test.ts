import t from 'tap';
import { parseS3Url } from '../../src/objects/s3-url.ts';
import { S3ObjectStore } from '../../src/objects/s3.ts';
import { startS3 } from '../support/s3.ts';
import { runObjectStoreConformance } from './conformance.ts';

t.test('S3 store conformance (fauxqs on 127.0.0.1, real AWS SDK)', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  let n = 0;
  runObjectStoreConformance(t, async () => new S3ObjectStore(parseS3Url(await s3.bucket(`conf-${n++}`))));
});

t.test('S3 URLs', async (t) => {
  t.match(parseS3Url('s3://bkt/some/prefix?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1'), {
    bucket: 'bkt',
    prefix: 'some/prefix/',
    endpoint: 'http://127.0.0.1:9000',
    region: 'eu-west-1',
    forcePathStyle: true,
  });
  t.match(parseS3Url('s3://bkt'), { bucket: 'bkt', prefix: '', endpoint: undefined, forcePathStyle: false });
  t.throws(() => parseS3Url('http://x'), { code: 'EINVAL' });
});
