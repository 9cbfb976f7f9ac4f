#!/usr/bin/env bash
# Benchmark of a data-source connector against a source it starts itself, so it runs on a fresh machine:
#   postgres    embedded PostgreSQL 17: query by primary key on 100,000 rows, beside pgbench on the same SQL (when
#               the PostgreSQL client tools are installed), and peak memory while 1,000,000 rows stream to the cap
#   mongodb     in-process MongoDB wire server (mongo-java-server): find by _id, beside the same find by the driver
#   salesforce  Salesforce REST API stand-in (MockWebServer): get_record, beside the same GET by a plain client
#   github      GitHub REST API stand-in (MockWebServer): list_commits, beside the same GET by a plain client
# Each over stdio (start-up, p50/p99, calls/s, peak memory) and over Streamable HTTP at 1, 8 and 64 sessions.
# Usage: benchmarks/connector.sh <postgres|mongodb|salesforce|github> [calls=500] [warmup=2000] [seconds=10] [levels=1,8,64]
# A new connector's benchmark: a class with a main in its test sources, named as "benchmark" in connectors.json.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
# Each connector's benchmark is named in connectors.json: a class in the connector's test sources, or a script.
benchmark="$(awk -F'"' -v n="$name" '$0 ~ "^      \"name\": " {current = $4} \
  current == n && $0 ~ "^      \"benchmark\": " {print $4}' connectors.json)"
case "$benchmark" in
  "") echo "usage: benchmarks/connector.sh <connector> [calls] [warmup] [seconds] [levels]" >&2
      echo "(the benchmark of each connector is named in connectors.json)" >&2
      exit 2 ;;
  benchmarks/*) echo "the $name connector's benchmark: $benchmark" >&2
      exit 2 ;;
esac
./mvnw -B -q -DskipTests -DskipImages -pl "connector-$name" -am install
./mvnw -B -q -pl "connector-$name" exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass="$benchmark" \
  -Dexec.args="connector-$name/target/quarkus-app-stdio/quarkus-run.jar ${2:-500} ${3:-2000} ${4:-10} ${5:-1,8,64}"
