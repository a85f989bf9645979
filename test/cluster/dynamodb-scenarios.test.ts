// The two-instance scenarios with the metadata AND the coordination in DynamoDB Local: writer
// leases and fencing across instances (flush requests between them), and namespace races
// (conflicting transactions from two instances: exactly one wins) — the same test files, run
// again (test/support/dynamodb.ts runFilesOnDynamo; test/support/cluster.ts startCluster).
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/cluster/leases.test.ts', 'test/cluster/namespace-race.test.ts']);
