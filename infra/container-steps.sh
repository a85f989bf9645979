#!/usr/bin/env bash
# What infra/Dockerfile does, without a Docker engine: the same steps in clean directories,
# then the image's command and health check, the README walkthrough against it, and a SIGTERM
# drain shown with timestamps (unflushed writes are in the write-back cache when it arrives;
# a restart on the same data directory reads them back).
#
#   infra/container-steps.sh            # with the `node` on PATH
#   PATH=/path/to/node22/bin:$PATH infra/container-steps.sh
#
# Differences from a container, on purpose: the server listens on 127.0.0.1 (a free port),
# not 0.0.0.0, and runs as the invoking user. Exits non-zero if any step fails.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOCKERFILE="$ROOT/infra/Dockerfile"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cirrus-container-XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stamp() { date -u +%H:%M:%S.%3N; }
say() { echo "[$(stamp)] $*"; }

# The steps below mirror these Dockerfile lines; if the Dockerfile changes, this must too.
for line in 'RUN npm ci --no-audit --no-fund' 'RUN npm run build' 'RUN npm ci --omit=dev --no-audit --no-fund' \
  'COPY openapi/openapi.json ./openapi/openapi.json' 'COPY --from=build /src/dist ./dist' 'CMD ["node", "--enable-source-maps", "dist/server.js"]'; do
  grep -qxF "$line" "$DOCKERFILE" || { echo "infra/Dockerfile no longer has: $line" >&2; exit 1; }
done
HEALTHCHECK_JS=$(sed -n 's/^  CMD \["node", "-e", "\(.*\)"\]$/\1/p' "$DOCKERFILE")
[ -n "$HEALTHCHECK_JS" ] || { echo "infra/Dockerfile: no HEALTHCHECK command found" >&2; exit 1; }

say "node $(node --version), work directory $WORK"
# The build context, as .dockerignore lets it through.
mkdir -p "$WORK/context"
(cd "$ROOT" && cp -r package.json package-lock.json tsconfig.json scripts src "$WORK/context/")
mkdir -p "$WORK/context/openapi" && cp "$ROOT/openapi/openapi.json" "$WORK/context/openapi/"

say "stage build: npm ci, npm run build"
mkdir -p "$WORK/build"
cp "$WORK/context/package.json" "$WORK/context/package-lock.json" "$WORK/build/"
(cd "$WORK/build" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
cp -r "$WORK/context/tsconfig.json" "$WORK/context/scripts" "$WORK/context/src" "$WORK/context/openapi" "$WORK/build/"
(cd "$WORK/build" && npm run build --silent)

say "stage deps: npm ci --omit=dev"
mkdir -p "$WORK/app"
cp "$WORK/context/package.json" "$WORK/context/package-lock.json" "$WORK/app/"
(cd "$WORK/app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
[ ! -e "$WORK/app/node_modules/tap" ] || { echo "a dev dependency was installed" >&2; exit 1; }

say "final image: production node_modules + dist/ only"
cp -r "$WORK/build/dist" "$WORK/app/dist"
rm "$WORK/app/package-lock.json"
du -sh "$WORK/app/node_modules" "$WORK/app/dist" | sed 's/^/    /'

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export NODE_ENV=production HOST=127.0.0.1 PORT CIRRUS_META=memory:$WORK/data/meta CIRRUS_OBJECTS=file:$WORK/data/objects
URL="http://127.0.0.1:$PORT"
start_server() {
  (cd "$WORK/app" && exec node --enable-source-maps dist/server.js >>"$WORK/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$URL/healthz" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; return 1; }
    sleep 0.1
  done
  echo "the server did not answer within 60 s" >&2
  return 1
}

say "CMD: node --enable-source-maps dist/server.js on $URL"
start_server
say "pid $SERVER_PID listening"
(cd "$WORK/app" && node -e "$HEALTHCHECK_JS") && say "HEALTHCHECK: healthy (/readyz)"

say "README walkthrough"
WALK=$(awk '/^```sh$/{on=1; block=""; next} /^```$/{if(on && block ~ /\/v1\/fs -H/){print block; exit} on=0; next} on{block=block $0 "\n"}' "$ROOT/README.md")
[ -n "$WALK" ] || { echo "no walkthrough in README.md" >&2; exit 1; }
(cd "$WORK" && bash -e -c "${WALK//http:\/\/127.0.0.1:8080/$URL}") >"$WORK/walkthrough.out"
grep -q '^hello, cirrus$' "$WORK/walkthrough.out" && grep -q '"code":"EWRITESLOST"' "$WORK/walkthrough.out"
say "walkthrough: $(wc -l <"$WORK/walkthrough.out") lines of answers, as expected"

# Unflushed bytes in the write-back cache when SIGTERM arrives.
curl -sS --fail-with-body -X POST "$URL/v1/fs" -H 'content-type: application/json' -d '{"name":"drain"}' >/dev/null
INO=$(curl -sS --fail-with-body -X PUT --data-binary 'before' "$URL/v1/fs/drain/files/pending.txt" | sed -E 's/.*"ino":([0-9]+).*/\1/')
WRITE=$(printf 'AFTER!' | curl -sS --fail-with-body -X PUT --data-binary @- "$URL/v1/fs/drain/inodes/$INO/data?offset=0")
echo "$WRITE" | grep -q '"stable":false' || { echo "expected an unstable write: $WRITE" >&2; exit 1; }
say "an unstable write is in the write-back cache: $WRITE"

T0=$(date +%s%3N)
say "SIGTERM to pid $SERVER_PID"
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"
RC=$?
set -e
T1=$(date +%s%3N)
SERVER_PID=
say "pid exited with status $RC after $((T1 - T0)) ms; what it logged while draining:"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
  let on = false;
  for (const l of lines) {
    let j; try { j = JSON.parse(l); } catch { continue; }
    if (/SIGTERM/.test(j.msg)) on = true;
    if (on) console.log(`    ${new Date(j.time).toISOString().slice(11, 23)}  ${j.msg}`);
  }' "$WORK/server.log"
[ "$RC" -eq 0 ] || { echo "the server did not exit cleanly" >&2; exit 1; }

say "restart on the same data directory: the drained write was committed"
start_server
BACK=$(curl -sS --fail-with-body "$URL/v1/fs/drain/files/pending.txt")
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=
[ "$BACK" = "AFTER!" ] || { echo "read back '$BACK', expected 'AFTER!'" >&2; exit 1; }
say "read back: $BACK"
say "container steps: OK"
