#!/usr/bin/env bash
# Start-up, p50 and peak RSS of builds or JVM options side by side, interleaved, measured as sidebyside.sh measures
# them (its probe.mjs, the official TypeScript SDK client: spawn to initialize answered, then N timed calls after W
# warm-up calls, peak RSS = VmHWM of the server process).
#   benchmarks/startup-ab.sh 'before=/path/to/other/checkout' 'after=.' 'after-opts=.|-XX:CICompilerCount=1'
# Each variant is label=checkout[|extra JVM options, as CONNECTOR_JAVA_OPTS[|NAME=value ... for the environment]].
# Start each build once before (the
# launcher trains its class archive on the first start after a build).
# Env: REPS (3), N (500), W (500), CONNECTORS ("filesystem postgres"), BENCH_DIR (/tmp/connector-bench), PostgreSQL
# as in sidebyside.sh. Prints one JSON line per measure.
set -u
REPS=${REPS:-3}; N=${N:-500}; W=${W:-500}; CONNECTORS=${CONNECTORS:-filesystem postgres}
BENCH_DIR=${BENCH_DIR:-/tmp/connector-bench}
[ $# -gt 0 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
[ -f "$BENCH_DIR/probe.mjs" ] || { echo "run ../shared/bench/sidebyside.sh once first (it installs the probe)" >&2; exit 2; }
variants=()
for v in "$@"; do
  label=${v%%=*}; rest=${v#*=}; dir=${rest%%|*}; opts=""; envs=""
  [ "$rest" != "$dir" ] && opts=${rest#*|}
  [ "$opts" != "${opts%%|*}" ] && envs=${opts#*|} && opts=${opts%%|*}
  dir=$(cd "$dir" && pwd) || exit 2
  [ -x "$dir/bin/connector" ] || { echo "$dir: no bin/connector" >&2; exit 2; }
  variants+=("$label|$dir|$opts|$envs")
done
cd "$BENCH_DIR"
D=/tmp/sbs-fs; mkdir -p $D; [ -f $D/file042.txt ] || printf 'file 042\n' > $D/file042.txt
export CONNECTOR_POSTGRES_URL=postgresql://127.0.0.1:5432/bench CONNECTOR_POSTGRES_USERNAME=bench CONNECTOR_POSTGRES_PASSWORD=bench
for rep in $(seq 1 "$REPS"); do
  for connector in $CONNECTORS; do
    for v in "${variants[@]}"; do
      IFS='|' read -r label dir opts envs <<<"$v"
      case $connector in
        filesystem) cmd="$dir/bin/connector filesystem $D"; tool=read_text_file; args="{\"path\":\"$D/file042.txt\"}" ;;
        postgres) cmd="$dir/bin/connector postgres"; tool=query; args='{"sql":"SELECT * FROM orders WHERE id = 42"}' ;;
      esac
      # shellcheck disable=SC2086
      r=$(env $envs CONNECTOR_JAVA_OPTS="$opts" node probe.mjs bench --quiet --stdio "$cmd" --tool $tool --args "$args" --n "$N" \
        --warmup "$W" 2>/dev/null)
      echo "$r" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{try{const j=JSON.parse(s);console.log(JSON.stringify({label:'$label',connector:'$connector',p50:j.p50_ms,start_ms:j.startup_ms,rss_mb:j.server_memory?.peak_rss_mb,errors:j.errors}))}catch(e){console.log(JSON.stringify({label:'$label',connector:'$connector',error:s.slice(0,200)}))}})"
    done
  done
done
