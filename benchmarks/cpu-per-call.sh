#!/usr/bin/env bash
# Builds side by side, interleaved, by what a call costs: the connector's CPU per call, the PostgreSQL backends' CPU
# per call, and the memory allocated per call, beside p50 and calls/s. On a shared machine the time figures move by
# 10-20 % from round to round; the allocation (young collections of the launcher's 8 MB young generation, counted
# over the whole run) does not, so it shows small changes the times cannot.
#   benchmarks/cpu-per-call.sh <checkout> [<checkout> ...]     each a project root with its stdio builds made
# Env: KIND pg|fs|trivial (pg), C concurrency (4), N timed calls (30000), W warm-up (3000), REPS (3),
#      SETTLE seconds before the window (5), WIN window seconds (6), BENCH_DIR (/tmp/connector-bench, with the probe
#      that ../shared/bench/sidebyside.sh installs). PostgreSQL as in sidebyside.sh (db bench, role bench/bench).
# The CPU window must fall inside the timed calls: raise N when a variant runs faster than N/(SETTLE+WIN) calls/s.
set -u
BENCH_DIR=${BENCH_DIR:-/tmp/connector-bench}
[ -f "$BENCH_DIR/probe.mjs" ] || { echo "run ../shared/bench/sidebyside.sh once first (it installs the probe)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: benchmarks/cpu-per-call.sh <checkout> [<checkout> ...]" >&2; exit 2; }
cd "$BENCH_DIR"
export CONNECTOR_POSTGRES_URL=postgresql://127.0.0.1:5432/bench CONNECTOR_POSTGRES_USERNAME=bench CONNECTOR_POSTGRES_PASSWORD=bench
D=/tmp/sbs-fs; mkdir -p $D; [ -f $D/file042.txt ] || printf 'file 042\nline two of a small text file\n' > $D/file042.txt
KIND=${KIND:-pg}; C=${C:-4}; N=${N:-30000}; W=${W:-3000}; SETTLE=${SETTLE:-5}; WIN=${WIN:-6}
work=$(mktemp -d)
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local s=0 p; for p in $(pgrep -f 'postgres: .*: bench bench'); do s=$((s + $(ticks "$p"))); done; echo $s; }
for r in $(seq 1 "${REPS:-3}"); do for root in "$@"; do
  case $KIND in
    pg) cmd="$root/bin/connector postgres"; tool=query; args='{"sql":"SELECT * FROM orders WHERE id = 42"}' ;;
    fs) cmd="$root/bin/connector filesystem $D"; tool=read_text_file; args="{\"path\":\"$D/file042.txt\"}" ;;
    trivial) cmd="$root/bin/connector filesystem $D"; tool=list_roots; args='{}' ;;
  esac
  rm -f "$work/gc.log" "$work/audit.log"
  # The audit file counts the calls inside the window; the GC log the young collections.
  CONNECTOR_AUDIT_FILE="$work/audit.log" CONNECTOR_JAVA_OPTS="-Xlog:gc:file=$work/gc.log" node probe.mjs bench --quiet \
    --stdio "$cmd" --tool $tool --args "$args" --n "$N" --warmup "$W" --concurrency "$C" >"$work/out.json" 2>/dev/null &
  probe=$!
  sleep "$SETTLE"
  jvm=$(pgrep -P $probe | head -1)
  j0=$(ticks "$jvm"); p0=$(pg_ticks); c0=$(wc -l <"$work/audit.log")
  sleep "$WIN"
  j1=$(ticks "$jvm"); p1=$(pg_ticks); c1=$(wc -l <"$work/audit.log")
  wait $probe; sleep 0.5
  gcs=$(grep -c "Pause Young" "$work/gc.log")
  node -e "const j=JSON.parse(require('fs').readFileSync('$work/out.json'));const calls=$c1-$c0;
    console.log(JSON.stringify({checkout:'$root',kind:'$KIND',c:$C,p50:j.p50_ms,rps:Math.round(j.throughput_per_s),
    cpu_ms_per_call:+(($j1-$j0)*10/calls).toFixed(3),pg_ms_per_call:+(($p1-$p0)*10/calls).toFixed(3),
    kb_per_call:+($gcs*6553.6/($N+$W)).toFixed(1),errors:j.errors}))"
done; done
rm -rf "$work"
