// The failover tests that apply to DynamoDB (issue 11): kill -9 of the leader instance, and
// SIGSTOP of the leader past the session TTL, with the metadata AND the coordination in
// DynamoDB Local — the same test files, run again (test/support/dynamodb.ts runFilesOnDynamo;
// test/support/cluster.ts startCluster). The etcd-only ones (a raft leader killed, etcd down)
// have no DynamoDB counterpart: DynamoDB Local is one process, not a replicated service.
import t from 'tap';
import { runFilesOnDynamo } from '../support/dynamodb.ts';

await runFilesOnDynamo(t, ['test/cluster/failover-kill.test.ts', 'test/cluster/failover-sigstop.test.ts']);
