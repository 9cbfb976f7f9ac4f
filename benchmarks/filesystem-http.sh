#!/usr/bin/env bash
# Benchmark of the filesystem connector over Streamable HTTP: list_roots (the trivial read) and read_text_file on
# a small file, at 1, 8 and 64 concurrent sessions.
# Usage: benchmarks/filesystem-http.sh [seconds=10] [levels=1,8,64]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=connector-filesystem/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -pl connector-filesystem -am package
fi
root=$(mktemp -d)
data=$(mktemp -d)
trap 'rm -rf "$root" "$data"' EXIT
printf 'a small file the benchmark reads\n' > "$root/small.txt"
# A server process: the default JIT (C2), unlike the stdio launcher's start-up flags.
export CONNECTOR_JAVA_OPTS="${CONNECTOR_JAVA_OPTS-}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); JVM options: ${CONNECTOR_JAVA_OPTS:-none}"
for call in 'list_roots {}' 'read_text_file {"path":"small.txt"}'; do
  java benchmarks/HttpBenchmark.java "$jar" "${call%% *}" "${call#* }" "${1:-10}" "${2:-1,8,64}" \
    "CONNECTOR_FILESYSTEM_ROOTS=$root" "CONNECTOR_DATA_DIR=$data" \
    "CONNECTOR_HTTP_RATE_PER_MINUTE=100000000" "CONNECTOR_HTTP_CONCURRENT_REQUESTS=1000"
done
