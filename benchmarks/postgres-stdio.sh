#!/usr/bin/env bash
# Benchmark of the PostgreSQL connector over stdio against an embedded PostgreSQL 17 it starts itself:
# point query by primary key on 100,000 rows (p50/p99, calls/s) beside pgbench on the same SQL, and peak memory
# while a 1,000,000-row result streams to its cap.
# Usage: benchmarks/postgres-stdio.sh [calls=500] [warmup=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl connector-postgres -am install
./mvnw -B -q -pl connector-postgres exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.mcpconnectors.postgres.benchmark.PostgresStdioBenchmark \
  -Dexec.args="connector-postgres/target/quarkus-app/quarkus-run.jar ${1:-500} ${2:-2000}"
