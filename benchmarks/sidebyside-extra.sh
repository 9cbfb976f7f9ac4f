#!/usr/bin/env bash
# Rows the shared side-by-side harness (../shared/bench/sidebyside.sh) leaves out, measured the same way (its
# probe.mjs, the official TypeScript SDK client) and printed as the same JSON lines:
#   a tool that does nothing: our filesystem list_roots against server-filesystem's list_allowed_directories;
#   start to initialize answered, several starts per server (the harness's start is one per measure).
# Run from the project root after sidebyside.sh has installed the probe: benchmarks/sidebyside-extra.sh
# Env: REPS (3), N (1000), W (2000), STARTS (5), BENCH_DIR (/tmp/connector-bench), PG URL as in sidebyside.sh.
set -u
MAIN=${MAIN:-$PWD}; REPS=${REPS:-3}; N=${N:-1000}; W=${W:-2000}; STARTS=${STARTS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/connector-bench}
[ -x "$MAIN/bin/connector" ] || { echo "run from the project root (no bin/connector here)" >&2; exit 2; }
[ -f "$BENCH_DIR/probe.mjs" ] || { echo "run ../shared/bench/sidebyside.sh once first (it installs the probe)" >&2; exit 2; }
cd "$BENCH_DIR"; NM=$BENCH_DIR/node_modules
D=/tmp/sbs-fs; mkdir -p $D; [ -f $D/file042.txt ] || printf 'file 042\n' > $D/file042.txt
PGURL=postgresql://bench:bench@127.0.0.1:5432/bench
export CONNECTOR_POSTGRES_URL=postgresql://127.0.0.1:5432/bench CONNECTOR_POSTGRES_USERNAME=bench CONNECTOR_POSTGRES_PASSWORD=bench
OURS_FS="$MAIN/bin/connector filesystem $D"
OURS_PG="$MAIN/bin/connector postgres"
REF_FS="node $NM/@modelcontextprotocol/server-filesystem/dist/index.js $D"
REF_PG="node $NM/@modelcontextprotocol/server-postgres/dist/index.js $PGURL"
DBHUB="$NM/.bin/dbhub --transport stdio --dsn $PGURL?sslmode=disable"
b() { # label cmd tool args n warmup
  r=$(node probe.mjs bench --quiet --stdio "$2" --tool "$3" --args "$4" --n $5 --warmup $6 2>/dev/null)
  echo "$r" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{try{const j=JSON.parse(s);console.log(JSON.stringify({label:'$1',p50:j.p50_ms,p99:j.p99_ms,rps:Math.round(j.throughput_per_s),start_ms:j.startup_ms,rss_mb:j.server_memory?.peak_rss_mb,errors:j.errors}))}catch(e){console.log(JSON.stringify({label:'$1',error:s.slice(0,200)}))}})"
}
for rep in $(seq 1 $REPS); do
  b "ours trivial tool c1" "$OURS_FS" list_roots '{}' $N $W
  b "ref  trivial tool c1" "$REF_FS" list_allowed_directories '{}' $N $W
done
for i in $(seq 1 $STARTS); do
  b "ours start fs" "$OURS_FS" list_roots '{}' 1 0
  b "ref  start fs" "$REF_FS" list_allowed_directories '{}' 1 0
  b "ours start pg" "$OURS_PG" list_schemas '{}' 1 0
  b "ref  start pg" "$REF_PG" query '{"sql":"SELECT 1"}' 1 0
  b "dbhub start pg" "$DBHUB" execute_sql '{"sql":"SELECT 1"}' 1 0
done
