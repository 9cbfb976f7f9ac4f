#!/usr/bin/env bash
# Benchmark of the PostgreSQL connector against an embedded PostgreSQL 17 it starts itself: point query by primary
# key on 100,000 rows over stdio (p50/p99, calls/s, start-up, peak memory) beside pgbench on the same SQL, the same
# call over Streamable HTTP at 1, 8 and 64 sessions, and peak memory while a 1,000,000-row result streams to its cap.
# Usage: benchmarks/postgres.sh [calls=500] [warmup=2000] [seconds=10] [levels=1,8,64]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -DskipImages -pl connector-postgres -am install
./mvnw -B -q -pl connector-postgres exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.mcpconnectors.postgres.benchmark.PostgresStdioBenchmark \
  -Dexec.args="connector-postgres/target/quarkus-app/quarkus-run.jar ${1:-500} ${2:-2000} ${3:-10} ${4:-1,8,64}"
