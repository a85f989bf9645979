// Compaction's slice swap and the trash with the metadata in DynamoDB Local (100 keys per
// transaction): the same test files, run again (test/support/dynamodb.ts runFilesOnDynamo).
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/data/compaction.test.ts', 'test/http/trash.test.ts']);
// DynamoDB Local answers a transaction in tens of milliseconds: these files write more than most.
t.setTimeout(1_500_000);
