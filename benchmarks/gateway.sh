#!/usr/bin/env bash
# The cost of the gateway hop, side by side: the filesystem connector's read_text_file on a small file, called
# directly and through the gateway,
#   stdio: the host speaks stdio to the connector / to the gateway, which spawned the connector over stdio
#   HTTP:  the client speaks Streamable HTTP to the connector / to the gateway, which reaches the connector over HTTP
# The connector runs with the same JVM options either way; the gateway's upstream is pinned to its manifest.
# Over HTTP each level first runs 3 s unmeasured; the default levels run one session twice, so that the gateway's and
# the connector's JIT compilers are warm (a hop that costs more gets fewer calls in the same 3 s) before the
# measured run: read the second "1 concurrent sessions" line.
# Usage: benchmarks/gateway.sh [calls=500] [warmup=5000] [starts=5] [seconds=10] [levels=1,1,8]
# BASELINE=<another checkout, built> also measures that checkout's gateway right after this one's, in the same run and
# against the same connector build, so a change to the gateway can be compared on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
fs_stdio=$PWD/connector-filesystem/target/quarkus-app-stdio/quarkus-run.jar
fs_http=$PWD/connector-filesystem/target/quarkus-app/quarkus-run.jar
gw_http=$PWD/connector-gateway/target/quarkus-app/quarkus-run.jar
if [ ! -f "$gw_http" ] || [ ! -f "$fs_http" ]; then
  ./mvnw -B -q -DskipTests -DskipImages -pl connector-gateway,connector-filesystem -am package
fi
root=$(mktemp -d)
data=$(mktemp -d)
upstream_pid=""
trap '[ -n "$upstream_pid" ] && kill "$upstream_pid" 2>/dev/null; rm -rf "$root" "$data"' EXIT
printf 'a small file the benchmark reads\n' > "$root/small.txt"
pin=$(CONNECTOR_FILESYSTEM_ROOTS="$root" CONNECTOR_DATA_DIR="$data/pin" java -jar "$fs_stdio" manifest --sha256)
# The stdio launcher's options (bin/connector), for the connector whoever spawns it, and for the gateway.
stdio_opts="-Xshare:auto -XX:TieredStopAtLevel=1"
export CONNECTOR_JAVA_OPTS="$stdio_opts -XX:SharedArchiveFile=app-cds.jsa"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
args='{"path":"small.txt"}'

echo "== stdio, direct"
java benchmarks/StdioBenchmark.java "$fs_stdio" read_text_file "$args" "${1:-500}" "${2:-5000}" "${3:-5}" \
  "CONNECTOR_FILESYSTEM_ROOTS=$root" "CONNECTOR_DATA_DIR=$data/direct"
# Each gateway also gets the JVM options its checkout's launcher (bin/connector) gives every connector on this machine
# whatever the transport: the common pool's size on 2 CPUs or fewer, where the launcher sets it.
launcher_opts() { # <checkout>
  if grep -q 'ForkJoinPool.common.parallelism=2' "$1/bin/connector" && [ "$(nproc)" -le 2 ]; then
    echo "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"
  fi
}
gateways=("$PWD")
if [ -n "${BASELINE:-}" ]; then
  gateways+=("$(cd "$BASELINE" && pwd)")
fi
for i in "${!gateways[@]}"; do
  tree=${gateways[$i]}
  echo "== stdio, through the gateway of $tree (which spawns the connector over stdio)"
  CONNECTOR_JAVA_OPTS="$stdio_opts -XX:SharedArchiveFile=app-cds.jsa $(launcher_opts "$tree")" \
    java benchmarks/StdioBenchmark.java "$tree/connector-gateway/target/quarkus-app-stdio/quarkus-run.jar" \
    fs.read_text_file "$args" "${1:-500}" "${2:-5000}" "${3:-5}" \
    "CONNECTOR_GATEWAY_UPSTREAMS_FS_COMMAND=java $stdio_opts -XX:SharedArchiveFile=$(dirname "$fs_stdio")/app-cds.jsa -Dconnector.filesystem.roots=$root -Dconnector.data-dir=$data/upstream -jar $fs_stdio" \
    "CONNECTOR_GATEWAY_UPSTREAMS_FS_MANIFEST_SHA256=$pin" "CONNECTOR_DATA_DIR=$data/gateway-$i"
done

# Servers: the JVM's default compilers.
export CONNECTOR_JAVA_OPTS=""
limits=("CONNECTOR_HTTP_RATE_PER_MINUTE=100000000" "CONNECTOR_HTTP_CONCURRENT_REQUESTS=1000")
echo "== HTTP, direct"
java benchmarks/HttpBenchmark.java "$fs_http" read_text_file "$args" "${4:-10}" "${5:-1,1,8}" \
  "CONNECTOR_FILESYSTEM_ROOTS=$root" "CONNECTOR_DATA_DIR=$data/direct-http" "${limits[@]}"
port=18950
CONNECTOR_TRANSPORT=http CONNECTOR_HTTP_PORT=$port CONNECTOR_FILESYSTEM_ROOTS="$root" \
  CONNECTOR_DATA_DIR="$data/upstream-http" CONNECTOR_HTTP_RATE_PER_MINUTE=100000000 \
  CONNECTOR_HTTP_CONCURRENT_REQUESTS=1000 java -jar "$fs_http" >/dev/null 2>&1 &
upstream_pid=$!
until curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null; do sleep 0.2; done
for i in "${!gateways[@]}"; do
  tree=${gateways[$i]}
  echo "== HTTP, through the gateway of $tree (which reaches the connector over HTTP)"
  CONNECTOR_JAVA_OPTS="$(launcher_opts "$tree")" \
    java benchmarks/HttpBenchmark.java "$tree/connector-gateway/target/quarkus-app/quarkus-run.jar" fs.read_text_file \
    "$args" "${4:-10}" "${5:-1,1,8}" \
    "CONNECTOR_GATEWAY_UPSTREAMS_FS_URL=http://127.0.0.1:$port/mcp" "CONNECTOR_GATEWAY_UPSTREAMS_FS_ASSERT_IDENTITY=false" \
    "CONNECTOR_GATEWAY_UPSTREAMS_FS_MANIFEST_SHA256=$pin" "CONNECTOR_DATA_DIR=$data/gateway-http-$i" "${limits[@]}"
done
