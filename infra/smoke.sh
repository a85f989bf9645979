#!/usr/bin/env bash
# The smoke test on another Node release (README "Tests"): the container steps (install,
# build, start dist/server.js, health check, walkthrough, SIGTERM drain), the README
# walkthrough test, a multi-instance test over etcd, and the built Lambda package in fresh
# processes. Usage: infra/smoke.sh 22.23.5
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:?usage: infra/smoke.sh NODE_VERSION (exact, e.g. 22.23.5)}
BIN=$(infra/node-runtime.sh "$VERSION")
export PATH="$BIN:$PATH"
echo "smoke test on node $(node --version)"
infra/container-steps.sh
bash test/run.sh --disable-coverage test/readme.test.ts test/cluster/namespace-race.test.ts test/lambda/bundle.test.ts
