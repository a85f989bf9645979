#!/usr/bin/env bash
# Run the whole suite with tap and end with the plain line CI reads: "N passed, N failed".
# Extra arguments go to tap (e.g. a single file).
set -u
cd "$(dirname "$0")/.."
out=$(mktemp)
npx tap --reporter=terse "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
line=$(grep -E '^# \{ total: [0-9]+' "$out" | tail -1)
p=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$line")
f=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$line")
rm -f "$out"
if [ -z "$line" ] && [ "$rc" -ne 0 ]; then f=${f:-1}; fi
echo "${p:-0} passed, ${f:-0} failed"
exit "$rc"
