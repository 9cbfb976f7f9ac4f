#!/usr/bin/env bash
# Benchmark of the mongodb connector against the in-process MongoDB wire server (mongo-java-server) it starts
# itself: find by _id through the connector beside the same find through the MongoDB driver; over stdio (p50/p99,
# calls/s, start-up, peak memory) and over Streamable HTTP at 1, 8 and 64 sessions.
# Usage: benchmarks/mongodb.sh [calls=500] [warmup=2000] [seconds=10] [levels=1,8,64]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -DskipImages -pl connector-mongodb -am install
./mvnw -B -q -pl connector-mongodb exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.mcpconnectors.mongodb.benchmark.MongoBenchmark \
  -Dexec.args="connector-mongodb/target/quarkus-app/quarkus-run.jar ${1:-500} ${2:-2000} ${3:-10} ${4:-1,8,64}"
