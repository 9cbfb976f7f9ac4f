#!/usr/bin/env bash
# Benchmark of the filesystem connector over stdio: start-up time and read_text_file latency on a small file.
# Usage: benchmarks/filesystem-stdio.sh [calls=500] [warmup=2000] [starts=10]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=connector-filesystem/target/quarkus-app-stdio/quarkus-run.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -pl connector-filesystem -am package
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
printf 'a small file the benchmark reads\n' > "$root/small.txt"
# The JVM options bin/connector uses (without its class archive), unless the caller sets their own.
export CONNECTOR_JAVA_OPTS="${CONNECTOR_JAVA_OPTS-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn6m"}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); JVM options: ${CONNECTOR_JAVA_OPTS:-none}"
java benchmarks/StdioBenchmark.java "$jar" read_text_file '{"path":"small.txt"}' "${1:-500}" "${2:-2000}" "${3:-10}" \
  "CONNECTOR_FILESYSTEM_ROOTS=$root"
