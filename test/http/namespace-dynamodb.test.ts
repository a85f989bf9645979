// The namespace scenarios over HTTP (every operation, listings, renames, links, xattrs, and
// Idempotency-Key replays) with the metadata in DynamoDB Local instead of the memory engine:
// the same test files, run again (test/support/dynamodb.ts runFilesOnDynamo).
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/http/namespace.test.ts', 'test/http/idempotency.test.ts']);
