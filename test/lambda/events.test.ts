// Telling Lambda events apart, and the request path made an encoded path whichever front sent it.
import t from 'tap';
import { encodedPath, isHttpEvent, isScheduledEvent } from '../../src/lambda-events.ts';
import { httpEvent, scheduledEvent } from '../support/lambda.ts';

t.test('an encoded path (Function URL) passes unchanged', async (t) => {
  for (const p of [
    '/v1/fs/a/files/x%20y',
    '/v1/fs/a/files/100%25%20%231',
    '/v1/fs/a/dirs/%C3%BC',
    "/a/b-c_d.e~f!$&'()*+,;=:@",
  ]) {
    t.equal(encodedPath(p), p, p);
  }
});

t.test('a decoded path (HTTP API) is encoded where it must be', async (t) => {
  t.equal(encodedPath('/v1/fs/a/files/x y'), '/v1/fs/a/files/x%20y', 'space');
  t.equal(encodedPath('/f/100% #1'), '/f/100%25%20%231', 'a bare "%" and "#"');
  t.equal(encodedPath('/f/ünï'), '/f/%C3%BCn%C3%AF', 'non-ASCII as UTF-8');
  t.equal(encodedPath('/f/a?b'), '/f/a%3Fb', '"?" is part of the name');
  t.equal(
    encodedPath('/f/\u0001"<>\\^`{|}[]'),
    '/f/%01%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D',
    'what may not stand literally',
  );
  t.equal(encodedPath('/f/😀'), '/f/%F0%9F%98%80', 'astral characters as one code point');
  t.equal(decodeURIComponent(encodedPath('/f/100% #1/ünï')), '/f/100% #1/ünï', 'decodes back to the name');
});

t.test('events are told apart', async (t) => {
  t.ok(isHttpEvent(httpEvent('http-api', { path: '/healthz' })));
  t.ok(isHttpEvent(httpEvent('function-url', { path: '/healthz' })));
  t.notOk(isHttpEvent(scheduledEvent()));
  t.notOk(isHttpEvent({ httpMethod: 'GET', path: '/' }), 'payload format 1.0 (REST API) is not served');
  t.ok(isScheduledEvent(scheduledEvent()));
  t.notOk(isScheduledEvent(httpEvent('http-api', { path: '/' })));
  t.notOk(isScheduledEvent({ source: 'aws.s3', 'detail-type': 'Object Created' }));
  t.notOk(isHttpEvent(null));
  t.notOk(isScheduledEvent(undefined));
});
