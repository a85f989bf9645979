// The README's walkthrough, verbatim, against `npm start`'s server with CIRRUS_META and
// CIRRUS_COORD both dynamodb:// on DynamoDB Local (one table for both; readme.test.ts).
import t from 'tap';
import { runFilesOnDynamo } from './support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/readme.test.ts']);
