// The data-path scenarios over HTTP (whole-file uploads and downloads across chunks and blocks,
// a truncate racing an upload, a download racing a replace and the sweeper) with the metadata
// in DynamoDB Local instead of the memory engine: the same test files, run again.
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, [
  'test/http/contents.test.ts',
  'test/data/truncate-race.test.ts',
  'test/data/replace-during-read.test.ts',
]);
