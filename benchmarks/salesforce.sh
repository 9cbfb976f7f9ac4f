#!/usr/bin/env bash
# Benchmark of the salesforce connector against a local stand-in for the Salesforce REST API (OkHttp MockWebServer)
# it starts itself: get_record through the connector beside the same GET by a plain HTTP client; over stdio
# (p50/p99, calls/s, start-up, peak memory) and over Streamable HTTP at 1, 8 and 64 sessions.
# Usage: benchmarks/salesforce.sh [calls=500] [warmup=2000] [seconds=10] [levels=1,8,64]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -DskipImages -pl connector-salesforce -am install
./mvnw -B -q -pl connector-salesforce exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.mcpconnectors.salesforce.benchmark.SalesforceBenchmark \
  -Dexec.args="connector-salesforce/target/quarkus-app/quarkus-run.jar ${1:-500} ${2:-2000} ${3:-10} ${4:-1,8,64}"
