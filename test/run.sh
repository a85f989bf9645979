#!/usr/bin/env bash
# Run the whole suite with tap and end with the plain line CI reads: "N passed, N failed".
# Extra arguments go to tap (e.g. a single file). Every in-process test server holds its
# answers to openapi/openapi.json (test/support/contract.ts); the contract report after the
# suite sums them up and counts as one more test. The TAP tap saves per file names the files
# that failed, and gives the counts if tap ends without its own summary (test/results-count.ts).
set -u
cd "$(dirname "$0")/.."
# The AWS SDK warns once per process on Node < 22, in each of the suite's files: noise that
# buries the lines a reader needs (the supported releases are in README.md).
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
rm -rf .tap/test-results   # counted below when tap's own summary is missing: this run's only
out=$(mktemp)
CIRRUS_CONTRACT_DIR=$(mktemp -d)
export CIRRUS_CONTRACT_DIR
# Under CI, the plain TAP reporter: the terse one (ink) writes everything at its last frame in CI
# mode, and a clean-clone CI run saw tap exit 1 with no frame at all while every file passed.
reporter=terse
if [ -n "${CI:-}" ]; then reporter=tap; fi
npx tap --reporter="$reporter" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
line=$(grep -E '^# \{ total: [0-9]+' "$out" | tail -1)
p=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$line")
f=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$line")
rm -f "$out"
# The files that failed, named last where CI's tail shows them; and the counts, when tap's own
# summary is missing.
counted=$(node --import tsx test/results-count.ts .tap/test-results)
grep -v '^[0-9]* [0-9]*$' <<<"$counted"
if [ -z "$line" ]; then
  echo "tap ended (exit $rc) without its summary: counted from the TAP it saved per file"
  read -r p f < <(tail -1 <<<"$counted")
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi   # tap failed on something no file recorded
fi
p=${p:-0}
f=${f:-0}
if [ -n "$(ls -A "$CIRRUS_CONTRACT_DIR")" ]; then
  if node --import tsx test/contract/report.ts "$CIRRUS_CONTRACT_DIR"; then p=$((p + 1)); else f=$((f + 1)); rc=1; fi
fi
rm -rf "$CIRRUS_CONTRACT_DIR"
echo "${p} passed, ${f} failed"
exit "$rc"
