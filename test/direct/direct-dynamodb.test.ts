// The direct data plane's upload and download scenarios with the metadata in DynamoDB Local:
// the same test files, run again (its transactions count reads and writes against one limit).
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/direct/uploads.test.ts', 'test/direct/downloads.test.ts']);
