#!/usr/bin/env bash
# Builds the front-office app into client/dist, which the API host serves (Client:DistPath).
# Installs the npm packages first when node_modules is missing or older than package-lock.json.
# Without Node.js it says so and exits 0: the API then runs without the client.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "client: Node.js is not installed, so the front-office app is not built (the API runs without it)" >&2
  exit 0
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "client: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

echo "client: building into client/dist" >&2
npm run --silent build >&2
