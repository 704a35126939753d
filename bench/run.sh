#!/usr/bin/env bash
# tradehook benchmark: starts the gateway from the packaged jar, as the image and the Kubernetes manifest run it, on a
# fresh embedded PostgreSQL (the README's setup: demo user), loads it with wrk and bench/Burst.java from the same
# machine, and writes target/bench/report.md. Paper broker first, beside two references in the same run: the same
# HTTP server answering a constant envelope (bench/baseline.camel.yaml) and adnanh/webhook (Debian package webhook)
# running a hook that checks a secret and runs /bin/true. Then the TE broker against a TE stand-in (FakeTe, from the
# test classes: real HTTP, 40 ms per order call by default): sustained places, a candle close, and a candle close
# against a stand-in that announces 500 orders/s in /config.
#   bench/run.sh                 # full run, ~12 minutes
#   DURATION=10s bench/run.sh    # shorter sustained phases
# Needs: a JDK 25 (under /usr/lib/jvm, or JAVA=...), Maven, wrk and webhook (apt-get install -y wrk webhook: done
# here when run as root). Traffic goes to 127.0.0.1 only, bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19876}
REFERENCE_PORT=${REFERENCE_PORT:-18090}
TE_PORT=${TE_PORT:-18070}
TE_LATENCY_MS=${TE_LATENCY_MS:-40}
TE_LIMIT=${TE_LIMIT:-500}
KEYS=${KEYS:-1000}
BURST=${BURST:-10000}
OUT=target/bench
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java}
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "a JDK 25 is needed: set JAVA=/path/to/bin/java" >&2; exit 1; }
# The gateway's JVM options and malloc arenas are the image's (Dockerfile JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX), in
# a JVM that sizes its heap for the manifest's memory limit (deploy/k8s/deployment.yaml, 768Mi): -XX:MaxRAM makes the
# JVM take that for the machine's memory, as it takes a container's limit. Not for its choice of collector, which
# follows the machine's memory: the image names its collector.
IMAGE_OPTS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile)
MEMORY_LIMIT=$(awk '/limits:/ {l = 1} l && /memory:/ {print $2; exit}' deploy/k8s/deployment.yaml)
JAVA_OPTS=${JAVA_OPTS:--XX:MaxRAM=${MEMORY_LIMIT%i} $IMAGE_OPTS}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -n 's/^ENV MALLOC_ARENA_MAX=//p' Dockerfile)}
export BENCH_DIR="$PWD/bench"
mkdir -p "$OUT"
if ! { command -v wrk && command -v webhook; } >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk webhook >/dev/null
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
command -v webhook >/dev/null || { echo "webhook (adnanh/webhook) is needed: apt-get install -y webhook" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true

[ "${SKIP_BUILD:-}" = 1 ] || mvn -q -B -DskipTests package
CP="target/tradehook.jar:target/lib/*"
DATA=$(mktemp -d /tmp/tradehook-bench.XXXXXX)
# the jar starts an embedded PostgreSQL, and seeds the demo user, only when told to (as exec:exec does)
EMBEDDED="-Dtradehook.db.embedded=true -Dtradehook.db.demo-user=true"
PID=
TE_PID=
REFERENCE_PID=
BROKER=paper
TE_URL="http://127.0.0.1:$TE_PORT/traderevolution/v1"

# every key sends several alerts a second here, far above a trader's rate: the per-key limit is raised so that the load
# is not refused, and it is still counted on every request; the per-user limit (all keys are the demo user's) is off
start_gateway() {
  "$JAVA" $JAVA_OPTS ${1:-} $EMBEDDED -Dtradehook.db.data-dir="${2:-$DATA}" -Dcamel.server.port="$PORT" -Dcamel.management.port="$MANAGEMENT_PORT" \
    -Dtradehook.ratelimit.limit=1000000 -Dtradehook.ratelimit.user-limit=0 -Dtradehook.broker="$BROKER" \
    -Dtradehook.te.url="$TE_URL" -Dtradehook.te.login=gateway-te-user -Dtradehook.te.password=te-password-42 \
    -Dcamel.main.routes-include-pattern="file:routes/*.camel.yaml,file:routes/brokers/$BROKER.camel.yaml,file:bench/baseline.camel.yaml" \
    -jar target/tradehook.jar >"$OUT/gateway-$BROKER.log" 2>&1 &
  PID=$!
  local t0; t0=$(date +%s%N)
  # a well-formed key pair that does not exist: its 401 needs the database, so this is a real first answer
  local probe="/webhook/AAAAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$PORT$probe" || true)" = 401 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "gateway died; see $OUT/gateway-$BROKER.log" >&2; exit 1; }
    sleep 0.05
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_gateway() { kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
# the TE stand-in: <latency ms> <PLACE_ORDER limit per second announced in /config and enforced, 0: none>
start_te() {
  "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "target/test-classes:target/lib/*" io.tradehook.te.FakeTe "$TE_PORT" "$1" "$2" \
    >"$OUT/te-stand-in.log" 2>&1 &
  TE_PID=$!
  until curl -sf "http://127.0.0.1:$TE_PORT/stand-in/counts" >/dev/null; do
    kill -0 "$TE_PID" 2>/dev/null || { echo "TE stand-in died; see $OUT/te-stand-in.log" >&2; exit 1; }
    sleep 0.05
  done
}
stop_te() { kill "$TE_PID" 2>/dev/null && wait "$TE_PID" 2>/dev/null || true; }
te_counts() { curl -s "http://127.0.0.1:$TE_PORT/stand-in/counts"; }
te_count() { echo "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }
# until_still <seconds> <command...>: waits until the command's output is the same twice that many seconds apart
until_still() {
  local interval=$1; shift
  local before after
  before=$("$@")
  until sleep "$interval"; after=$("$@"); [ "$after" = "$before" ]; do before=$after; done
}
# the middle of three lines: the median of three measures
middle() { sort -n | sed -n 2p; }
trap 'stop_gateway; stop_te; kill "$REFERENCE_PID" 2>/dev/null || true; rm -rf "$DATA"' EXIT

# CPU seconds (user+system) of a process so far, and of the embedded PostgreSQL's processes
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
# the embedded PostgreSQL: its postmaster (first line of postmaster.pid), with the children it has reaped (backends
# and autovacuum workers that exited during a phase would otherwise take their CPU with them), and those running
pg_cpu() {
  local pm t; pm=$(head -1 "$DATA/postmaster.pid")
  t=$(awk '{print ($14+$15+$16+$17)/100}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm" || true); do t=$(echo "$t + $(cpu_of "$p" 2>/dev/null || echo 0)" | bc); done; echo "$t"
}
# a process's resident set now (VmRSS), or the most it has held since it started (VmHWM)
rss_mb() { awk -v field="${2:-VmRSS}:" '$1 == field {print int($2/1024)}' "/proc/$1/status"; }
# the gateway's committed heap (survivor, eden and old spaces), to tell heap growth from native memory in its RSS
heap_mb() { jstat -gc "$1" | awk 'NR == 2 {print int(($1 + $2 + $5 + $7) / 1024)}'; }
# Two measures per request that do not depend on how fast the shared machine is at the moment, so that a change shows
# in them even when the throughput of two runs differs by more than the change:
# KB the gateway allocated so far: eden filled at each young collection, plus what eden holds now
allocated_kb() {
  jstat -gc "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i} NR == 2 {printf "%.0f\n", $col["YGC"] * $col["EC"] + $col["EU"]}'
}
# connections taken from the gateway's pools so far: one per statement or transaction sent to PostgreSQL (a group
# commit takes one for its whole group)
db_checkouts() {
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/observe/metrics" \
    | awk '/^hikaricp_connections_acquire_seconds_count/ {n += $2} END {printf "%.0f\n", n}'
}

# run <name> <wrk args...>: one sustained phase with CPU and peak RSS of the gateway and PostgreSQL
run() {
  local name=$1; shift
  local c0 p0 peak=0 t0 t1
  local a0 d0; a0=$(allocated_kb "$PID"); d0=$(db_checkouts)
  c0=$(cpu_of "$PID"); p0=$(pg_cpu); t0=$(date +%s%N)
  wrk "$@" >"$OUT/$name.txt" 2>&1 &
  local w=$!
  while kill -0 $w 2>/dev/null; do r=$(rss_mb "$PID"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.5; done
  wait $w
  t1=$(date +%s%N)
  local wall; wall=$(echo "($t1 - $t0) / 1000000000" | bc -l)
  local gw_s pg_s; gw_s=$(echo "$(cpu_of "$PID") - $c0" | bc -l); pg_s=$(echo "$(pg_cpu) - $p0" | bc -l)
  local alloc_kb checkouts; alloc_kb=$(echo "$(allocated_kb "$PID") - $a0" | bc); checkouts=$(echo "$(db_checkouts) - $d0" | bc)
  local result; result=$(grep '^RESULT' "$OUT/$name.txt" | sed 's/^RESULT //')
  local n; n=$(echo "$result" | grep -o '"requests":[0-9]*' | cut -d: -f2)
  # CPU per request, beside the cores used: on a shared machine a phase can get less of the CPU from one run to the next
  printf '%s %s {"gatewayCores":%.2f,"postgresCores":%.2f,"gatewayCpuMsPerRequest":%.3f,"postgresCpuMsPerRequest":%.3f,"gatewayAllocKbPerRequest":%.1f,"databaseCheckoutsPerRequest":%.3f,"gatewayPeakRssMb":%d,"gatewayHeapMb":%d}\n' \
    "$name" "$result" "$(echo "$gw_s / $wall" | bc -l)" "$(echo "$pg_s / $wall" | bc -l)" \
    "$(echo "$gw_s * 1000 / $n" | bc -l)" "$(echo "$pg_s * 1000 / $n" | bc -l)" "$(echo "$alloc_kb / $n" | bc -l)" \
    "$(echo "$checkouts / $n" | bc -l)" "$peak" "$(heap_mb "$PID")" | tee -a "$OUT/results.txt"
}

# run_reference <name> <wrk args...>: a phase against adnanh/webhook, with its CPU (and its /bin/true children's).
# It answers a hook before running its command (in a goroutine, unless told to return the command's output): the
# commands of a phase run on for seconds after wrk stopped, on the CPU the next phase would get. The phase ends when
# its CPU stands still; beside its answered req/s it reports the req/s its commands were completed at.
reference_cpu() { awk '{print ($14+$15+$16+$17)/100}' "/proc/$REFERENCE_PID/stat"; }
# its CPU so far and the commands it runs now
reference_state() { echo "$(reference_cpu) $(pgrep -c -P "$REFERENCE_PID")"; }
run_reference() {
  local name=$1; shift
  local c0 t0 t1 t2 cpu result n
  c0=$(reference_cpu); t0=$(date +%s%N)
  wrk "$@" >"$OUT/$name.txt" 2>&1
  t1=$(date +%s%N)
  until_still 0.2 reference_state
  t2=$(( $(date +%s%N) - 200000000 ))
  cpu=$(echo "$(reference_cpu) - $c0" | bc -l)
  result=$(grep '^RESULT' "$OUT/$name.txt" | sed 's/^RESULT //')
  n=$(echo "$result" | grep -o '"requests":[0-9]*' | cut -d: -f2)
  printf '%s %s {"referenceCores":%.2f,"referenceCpuMsPerRequest":%.3f,"commandsDoneMsAfterLastAnswer":%d,"completedRps":%.0f}\n' \
    "$name" "$result" "$(echo "$cpu * 1000000000 / ($t2 - $t0)" | bc -l)" "$(echo "$cpu * 1000 / $n" | bc -l)" \
    "$(( (t2 - t1) / 1000000 ))" "$(echo "$n * 1000000000 / ($t2 - $t0)" | bc -l)" | tee -a "$OUT/results.txt"
}

: >"$OUT/results.txt"
start_gateway
echo "start to first answer (fresh data directory, includes initdb; just after the build): ${STARTUP_MS} ms" | tee -a "$OUT/results.txt"
"$JAVA" -cp "$CP" $EMBEDDED -Dtradehook.db.data-dir="$DATA" bench/Seed.java "$KEYS" "$OUT/keys.txt"
export KEYS_FILE="$PWD/$OUT/keys.txt"

URL="http://127.0.0.1:$PORT"
# warm-up until the JIT compiler has settled on the place path (jstat -compiler: still ~100 compilations per 15 s
# between the first and the second minute, a few after 90 s)
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-90s}" -s bench/place.lua "$URL" >/dev/null 2>&1
# the outside reference: adnanh/webhook, a hook that checks a secret in the URL and runs /bin/true
REFERENCE_SECRET=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
export REFERENCE_SECRET
printf '[{"id":"place","execute-command":"/bin/true","trigger-rule":{"match":{"type":"value","value":"%s","parameter":{"source":"url","name":"token"}}}}]\n' \
  "$REFERENCE_SECRET" >"$OUT/hooks.json"
webhook -hooks "$OUT/hooks.json" -ip 127.0.0.1 -port "$REFERENCE_PORT" >"$OUT/reference.log" 2>&1 &
REFERENCE_PID=$!
until curl -s -o /dev/null "http://127.0.0.1:$REFERENCE_PORT/hooks/place"; do sleep 0.05; done
# the references and place alternate three times: this machine's speed moves over tens of seconds, so each place
# phase is read against the references next to it, and the report takes medians
for i in 1 2 3; do
  run "baseline-$i"  -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/baseline.lua "$URL/baseline"
  run_reference "reference-$i" -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/reference.lua "http://127.0.0.1:$REFERENCE_PORT"
  run "place-$i"     -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/place.lua "$URL"
done
kill "$REFERENCE_PID" 2>/dev/null || true
MAX_ORDER_ID=$(( $(grep -o '"requests":[0-9]*' "$OUT/place-3.txt" | cut -d: -f2) / 2 )) \
run mix      -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/mix.lua "$URL"

# the burst's load generator shares the two cores with the gateway: plain NIO, compiled ahead and run on the C1
# compiler only, so that it takes little of the CPU the gateway answers with (bench/Burst.java says how).
# Three bursts, 5 s apart: the first finds a gateway that has not seen this kind of alert yet (its JIT compiles the
# new paths during the burst), the later ones one that has, as at every later candle close. The JIT is not done after
# one: during the second it still compiled ~100 methods (1 s of its time, jstat -compiler), during the third a few
javac -d "$OUT/classes" bench/Burst.java
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$OUT/classes" Burst "$PORT" "$KEYS_FILE" "$BURST" 1000 3 \
  | sed -n 's/^RESULT //p' >"$OUT/bursts.txt"
printf 'burst-first %s\n' "$(sed -n 1p "$OUT/bursts.txt")" | tee -a "$OUT/results.txt"
printf 'burst-second %s\n' "$(sed -n 2p "$OUT/bursts.txt")" | tee -a "$OUT/results.txt"
printf 'burst %s {"gatewayRssHighWaterMb":%d}\n' "$(sed -n 3p "$OUT/bursts.txt")" "$(rss_mb "$PID" VmHWM)" \
  | tee -a "$OUT/results.txt"

stop_gateway

# The TE broker against the stand-in, on the same database and keys. Sustained places at 32 connections, then three
# candle closes of BURST alerts from KEYS keys over 1,000 connections (the later ones stand for later closes); every
# alert must be placed exactly once: the stand-in counts the orders it placed, beside the 200s the alerts got.
te_burst() { # <name> <bursts> <first round> [connections]
  local before after
  # orders of the warm-up still waiting for their turn when wrk stopped are placed after it: wait for the stand-in's
  # counts to stand still, so that they are not counted as the burst's
  until_still 1 te_counts
  before=$(te_counts)
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$OUT/classes" Burst "$PORT" "$KEYS_FILE" "$BURST" "${4:-1000}" "$2" "$3" \
    | sed -n 's/^RESULT //p' >"$OUT/$1.txt"
  after=$(te_counts)
  local n=0
  while read -r line; do
    n=$((n + 1))
    printf '%s-%d %s {"standInPlaced":%d,"standInRefusedForLimit":%d,"standInMaxPlacedInOneSecond":%d}\n' "$1" "$n" "$line" \
      "$(( $(te_count "$after" ordersPlaced) - $(te_count "$before" ordersPlaced) ))" \
      "$(( $(te_count "$after" refusedForLimit) - $(te_count "$before" refusedForLimit) ))" \
      "$(te_count "$after" maxPlacedInOneSecond)" | tee -a "$OUT/results.txt"
  done <"$OUT/$1.txt"
}
BROKER=te
start_te "$TE_LATENCY_MS" 0
start_gateway
wrk -t2 -c"$CONNECTIONS" -d"${TE_WARMUP:-30s}" -s bench/place.lua "$URL" >/dev/null 2>&1
TE_BEFORE=$(te_counts)
run te-place -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/place.lua "$URL"
echo "te-place-stand-in {\"standInPlaced\":$(( $(te_count "$(te_counts)" ordersPlaced) - $(te_count "$TE_BEFORE" ordersPlaced) ))}" \
  | tee -a "$OUT/results.txt"
# the bursts in one stand-in window: the first burst's alerts would otherwise count in the second's
te_burst te-burst 3 11
# the same close as TradingView sends it, each alert on a connection of its own, all at once: more than the gateway
# finishes within the budget on two cores, so it places what tradehook.webhook.max-in-flight lets in and answers the
# rest 503 with Retry-After at once
te_burst te-open-burst 1 41 "$BURST"
stop_gateway
stop_te
# the same candle close against a stand-in that announces TE_LIMIT orders a second in /config and refuses more with
# 429: never more may be sent; each alert is placed or answered 503 with Retry-After within 3 s, none placed twice
start_te "$TE_LATENCY_MS" "$TE_LIMIT"
start_gateway
# warmed up as the first gateway was: this one is a new JVM (TE's limits are read at its start)
wrk -t2 -c"$CONNECTIONS" -d"${TE_WARMUP:-30s}" -s bench/place.lua "$URL" >/dev/null 2>&1
te_burst te-paced-burst 2 21
stop_gateway
stop_te
BROKER=paper

# start to first answer, the median of three starts each: a start takes seconds of class loading and initdb on a
# shared machine, and one start alone varied by 2 s between runs
median_start() { # <label> <JVM options> [fresh]
  local times=() dir
  for _ in 1 2 3; do
    dir=$DATA; [ -n "${3:-}" ] && dir=$(mktemp -d /tmp/tradehook-bench.XXXXXX)
    start_gateway "$2" "$dir"
    times+=("$STARTUP_MS")
    stop_gateway
    [ "$dir" = "$DATA" ] || rm -rf "$dir"
  done
  echo "start to first answer ($1): median $(printf '%s\n' "${times[@]}" | middle) ms of ${times[*]}" \
    | tee -a "$OUT/results.txt"
}
median_start "fresh data directory, includes initdb" "" fresh
median_start "existing data directory" ""
# class data sharing, as the Dockerfile makes it: a training start that stops a second after it started writes the
# archive of the classes it loaded at exit, later starts map it
"$JAVA" $JAVA_OPTS -XX:ArchiveClassesAtExit="$OUT/tradehook.jsa" -Dcamel.main.duration-max-seconds=1 $EMBEDDED -Dtradehook.db.data-dir="$DATA" \
  -Dcamel.server.port="$PORT" -Dcamel.management.port="$MANAGEMENT_PORT" -jar target/tradehook.jar >"$OUT/training.log" 2>&1
median_start "existing data directory, class data sharing archive" "-XX:SharedArchiveFile=$OUT/tradehook.jsa"

# value <line> <field>: a field of one results line; field <phase> <field>: of the three phases <phase>-1..3, one per
# line; median: the middle of those
value() { grep "^$1 " "$OUT/results.txt" | grep -o "\"$2\":[0-9.]*" | cut -d: -f2; }
field() { value "$1-[123]" "$2"; }
median() { field "$1" "$2" | middle; }
# ratios [phase] [field]: each place phase's req/s over that phase's field (baseline rps by default)
ratios() { paste <(field place rps) <(field "${1:-baseline}" "${2:-rps}") | awk '{printf "%.3f\n", $1 / $2}'; }

{
  echo "# tradehook benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB, $("$JAVA" -version 2>&1 | sed -n 1p)."
  echo "Gateway JVM options: $JAVA_OPTS; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX."
  echo "Load: wrk -t2 -c$CONNECTIONS for $DURATION per phase, on the same machine; $KEYS keys; burst of $BURST alerts."
  echo
  echo '```'
  cat "$OUT/results.txt"
  echo '```'
  echo
  echo "Place, median of the three phases: $(median place rps) req/s, p99 $(median place p99) ms;" \
    "the baseline beside them $(median baseline rps) req/s."
  echo "Full place path throughput = $(ratios | middle) × the constant-envelope baseline" \
    "(median of the three place/baseline pairs: $(ratios | tr '\n' ' '))."
  echo "Per place request (medians): gateway CPU $(median place gatewayCpuMsPerRequest) ms, PostgreSQL CPU" \
    "$(median place postgresCpuMsPerRequest) ms, $(median place gatewayAllocKbPerRequest) KB allocated," \
    "$(median place databaseCheckoutsPerRequest) database connection checkouts."
  echo "Against adnanh/webhook in the same run: place = $(ratios reference | middle) × its answered req/s" \
    "(pairs: $(ratios reference | tr '\n' ' ')), $(ratios reference completedRps | middle) × the req/s its commands" \
    "completed at (pairs: $(ratios reference completedRps | tr '\n' ' ')); its median $(median reference rps) req/s answered," \
    "$(median reference completedRps) completed, p99 $(median reference p99) ms."
  echo "TE broker ($TE_LATENCY_MS ms per order call at the stand-in): sustained place $(value te-place rps) req/s," \
    "p99 $(value te-place p99) ms."
  for line in te-burst-1 te-burst-2 te-burst-3 te-open-burst-1 te-paced-burst-1 te-paced-burst-2; do
    echo "$line: $(grep "^$line " "$OUT/results.txt" | cut -d' ' -f2- | tr -d '{}' | sed 's/"//g')"
  done
} >"$OUT/report.md"
cat "$OUT/report.md"
