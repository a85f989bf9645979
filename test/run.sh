#!/usr/bin/env bash
# Run the whole suite with tap and end with the plain line CI reads: "N passed, N failed".
# Extra arguments go to tap (e.g. a single file). Every in-process test server holds its
# answers to openapi/openapi.json (test/support/contract.ts); the contract report after the
# suite sums them up and counts as one more test.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp)
CIRRUS_CONTRACT_DIR=$(mktemp -d)
export CIRRUS_CONTRACT_DIR
npx tap --reporter=terse "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
line=$(grep -E '^# \{ total: [0-9]+' "$out" | tail -1)
p=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$line")
f=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$line")
rm -f "$out"
if [ -z "$line" ] && [ "$rc" -ne 0 ]; then f=${f:-1}; fi
p=${p:-0}
f=${f:-0}
if [ -n "$(ls -A "$CIRRUS_CONTRACT_DIR")" ]; then
  if node --import tsx test/contract/report.ts "$CIRRUS_CONTRACT_DIR"; then p=$((p + 1)); else f=$((f + 1)); rc=1; fi
fi
rm -rf "$CIRRUS_CONTRACT_DIR"
echo "${p} passed, ${f} failed"
exit "$rc"
