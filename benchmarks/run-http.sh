#!/usr/bin/env bash
# The HTTP benchmark: sessionkit's backends against Spring Session (JDBC, Redis) and Tomcat's
# in-memory HttpSession, the same four endpoints on each, measured with wrk on loopback.
#
#   benchmarks/run-http.sh                 full run: 30 s warm-up per app, 2 rounds of 15 s per endpoint
#   benchmarks/run-http.sh --smoke         a quick check that everything works (3 s per endpoint)
#   benchmarks/run-http.sh --write-doc     also replace the figures in docs/performance.md
#
# Options (each also settable through the environment variable in brackets):
#   --duration S     seconds per measured endpoint [DURATION, 15]
#   --warmup S       seconds of warm-up per app, spread over its endpoints [WARMUP, 30]
#   --rounds N       rounds, each over every app in turn [ROUNDS, 2]
#   --threads T      wrk threads [THREADS, 2]
#   --connections C  wrk connections, all on one session [CONNECTIONS, 16]
#   --apps "A B"     the apps to run, in this order [APPS, every app but sessionkit-redis-jedis,
#                    the native Redis store over Jedis, which runs only when named]
#   --no-build       use the last build of benchmarks/ instead of building it
#   --offline        build with ./mvnw -o
#
# Needs: java 17, curl, wrk (Debian: apt-get install wrk), psql, redis-cli, PostgreSQL on
# 127.0.0.1:5432 (database test, user postgres, trust; tables in schema sessionkit_bench, dropped
# and recreated at each run) and Redis on 127.0.0.1:6379 (database 7, flushed at each run).
# Each app is its own JVM on its own port (18081 and up, loopback only), stopped at the end, on an
# interrupt or on a failure. Every step is bounded in time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRIPT="$ROOT/benchmarks/$(basename "$0")"
cd "$ROOT"
# shellcheck source=apps.sh
source benchmarks/apps.sh

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
APPS=${APPS:-}
BUILD=1
MVN_OFFLINE=""
WRITE_DOC=0
MODE=full

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke; DURATION=3; WARMUP=4; ROUNDS=2 ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --apps) APPS=$2; shift ;;
    --no-build) BUILD=0 ;;
    --offline) MVN_OFFLINE=-o ;;
    --write-doc) WRITE_DOC=1 ;;
    -h|--help) sed -n '2,24p' "$SCRIPT"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$MODE" = full ] && { [ "$DURATION" != 15 ] || [ "$WARMUP" != 30 ] || [ "$ROUNDS" != 2 ] \
    || [ "$THREADS" != 2 ] || [ "$CONNECTIONS" != 16 ]; }; then
  MODE=custom
fi

require_tools java curl wrk psql redis-cli awk

# --- the apps -------------------------------------------------------------------------------
# Cookie apps (COOKIE_APPS): every write sets a new cookie, and wrk keeps sending the first one,
# so /incr cannot accumulate and its lost updates are not measurable.
ENDPOINTS=(touch read incr incr-getput)

if [ -z "$APPS" ]; then
  APPS="sessionkit-db sessionkit-redis sessionkit-cache sessionkit-cached-db-redis"
  APPS="$APPS sessionkit-cached-db-caffeine sessionkit-signed-cookies sessionkit-encrypted-cookies"
  APPS="$APPS spring-session-jdbc spring-session-redis tomcat"
fi
read -r -a APP_LIST <<< "$APPS"
check_apps "${APP_LIST[@]}"

# --- build, snapshot, servers --------------------------------------------------------------
build_and_snapshot sessionkit-http-bench
mkdir -p "$RUN_DIR/wrk"
prepare_servers "${APP_LIST[@]}"
install_traps run-http.sh

declare -A COOKIE_OF
# One app after the other (started together, they starve each other of CPU), each stopped at exit.
port=$BASE_PORT
for app in "${APP_LIST[@]}"; do
  port=$((port + 1))
  start_app "$app" "$port"
  # One session for every connection: created by a first /incr, its cookie passed to wrk.
  cookie=$(curl -s --max-time 10 -D - -o /dev/null "$(url "$app" incr)" \
    | awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); print $2; exit }')
  [ -n "$cookie" ] || { echo "$app set no session cookie." >&2; exit 1; }
  COOKIE_OF[$app]=$cookie
  n=$(curl -s --max-time 10 -H "Cookie: $cookie" "$(url "$app" read)")
  [ "$n" = 1 ] || { echo "$app: /read after one /incr gave '$n', expected 1." >&2; exit 1; }
  echo "$app up on port $port"
done

read_n() { curl -s --max-time 10 -H "Cookie: ${COOKIE_OF[$1]}" "$(url "$1" read)"; }

run_wrk() { # app endpoint seconds output
  timeout $(($3 + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3}s" --latency \
    -H "Cookie: ${COOKIE_OF[$1]}" "$(url "$1" "$2")" > "$4"
}

# --- warm-up --------------------------------------------------------------------------------
per_endpoint=$(( (WARMUP + ${#ENDPOINTS[@]} - 1) / ${#ENDPOINTS[@]} ))
[ "$per_endpoint" -ge 1 ] || per_endpoint=1
echo "Warm-up: ${per_endpoint}s per endpoint and app ..."
for app in "${APP_LIST[@]}"; do
  for endpoint in "${ENDPOINTS[@]}"; do
    run_wrk "$app" "$endpoint" "$per_endpoint" /dev/null
  done
done

# --- rounds ---------------------------------------------------------------------------------
RESULTS="$RUN_DIR/results.tsv"
CLK_TCK=$(getconf CLK_TCK)
printf 'round\tapp\tendpoint\treqs\tp50\tp99\trequests\tnon2xx\tsocket_errors\texpected\tdelta\tlost\tcpu_us\tswitches\n' \
  > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for app in "${APP_LIST[@]}"; do
    for endpoint in "${ENDPOINTS[@]}"; do
      out="$RUN_DIR/wrk/$round-$app-$endpoint.txt"
      before=""
      case "$endpoint:$COOKIE_APPS" in incr*" $app "*) ;; incr*) before=$(read_n "$app") ;; esac
      read -r ticks_before switches_before <<< "$(process_cost "${PID_OF[$app]}")"
      run_wrk "$app" "$endpoint" "$DURATION" "$out"
      read -r ticks_after switches_after <<< "$(process_cost "${PID_OF[$app]}")"
      after=""
      [ -z "$before" ] || { sleep 1; after=$(read_n "$app"); }
      awk -v round="$round" -v app="$app" -v endpoint="$endpoint" \
          -v before="$before" -v after="$after" -v ticks=$((ticks_after - ticks_before)) \
          -v switches=$((switches_after - switches_before)) -v tck="$CLK_TCK" '
        /requests in/ { requests = $1 }
        /Requests\/sec:/ { reqs = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { errors = $0; sub(/.*Socket errors: */, "", errors); gsub(/, */, "/", errors) }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        END {
          if (non2xx == "") non2xx = 0
          if (errors == "") errors = "-"
          expected = delta = lost = "-"
          if (before != "" && after != "") {
            expected = requests - non2xx; delta = after - before; lost = expected - delta
          }
          cpu = requests > 0 ? ticks * 1000000 / tck / requests : 0
          cs = requests > 0 ? switches / requests : 0
          printf "%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t%.2f\n", round, app, \
            endpoint, reqs, p50, p99, requests, non2xx, errors, expected, delta, lost, cpu, cs
        }' "$out" >> "$RESULTS"
      tail -1 "$RESULTS" | awk -F'\t' '{ printf "round %s  %-28s /%-12s %8s req/s  p50 %-9s p99 %-9s lost %s of %s  app %s us %s cs /req\n", $1, $2, $3, $4, $5, $6, $12, $10, $13, $14 }'
    done
  done
done

# --- report ---------------------------------------------------------------------------------
pg_version=$(psql -h "$PG_HOST" -U "$PG_USER" -d "$PG_DB" -Atc "SHOW server_version" 2>/dev/null || echo "?")
redis_version=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" INFO server 2>/dev/null \
  | awk -F: '/^redis_version/ { gsub(/\r/, "", $2); print $2 }')
java_version=$(java -version 2>&1 | head -1)
wrk_version=$( (wrk -v 2>&1 || true) | head -1 | awk '{ print $1, $2 }')
REPORT="$RUN_DIR/results.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') ($MODE): \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\`," \
    "${WARMUP}s warm-up per app, $ROUNDS rounds; machine: $(nproc) CPUs," \
    "$(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $java_version, PostgreSQL $pg_version," \
    "Redis $redis_version, $wrk_version."
  echo
  echo "Requests per second, one figure per round (p50 / p99 latency of the last round):"
  echo
  awk -F'\t' -v rounds="$ROUNDS" '
    NR == 1 { next }
    {
      key = $2 SUBSEP $3
      rps[key] = (key in rps ? rps[key] " / " : "") sprintf("%d", $4)
      lat[key] = $5 " / " $6
      if ($12 != "-") { lost[key] = $12; expected[key] = $10 }
      if (!($2 in seen)) { seen[$2] = 1; order[++apps] = $2 }
      sum[key] += $4; count[key]++
      cost[key] = $13 " µs, " $14 " cs"
    }
    END {
      split("touch read incr incr-getput", eps, " ")
      print "| app | /touch | /read | /incr (compute) | /incr-getput | /incr lost | /incr-getput lost |"
      print "|---|---|---|---|---|---|---|"
      for (i = 1; i <= apps; i++) {
        app = order[i]; line = "| " app
        for (e = 1; e <= 4; e++) {
          key = app SUBSEP eps[e]
          line = line " | " rps[key] " (" lat[key] ")"
        }
        for (e = 3; e <= 4; e++) {
          key = app SUBSEP eps[e]
          if (!(key in expected)) { line = line " | n/a"; continue }
          pct = expected[key] > 0 ? 100 * lost[key] / expected[key] : 0
          line = line sprintf(" | %d of %d (%.1f%%)", lost[key], expected[key], pct)
        }
        print line " |"
      }
      print ""
      print "Lost updates: of the last round; expected = completed requests minus non-2xx answers,"
      print "lost = expected minus the growth of n; requests still in flight when wrk stops are done"
      print "by the server but not counted by wrk, so the figure is uncertain by up to the number of"
      print "connections (a small negative figure means none lost). n/a: cookie backends, whose state"
      print "travels in the cookie that wrk does not update."
      print ""
      print "What the application JVM spent per request in the last round: CPU time (user + system,"
      print "from /proc) and voluntary context switches (cs: a thread blocking on a lock, a future, a"
      print "socket or the queue of its pool). wrk and the servers share the machine, uncounted here."
      print ""
      print "| app | /touch | /read | /incr (compute) | /incr-getput |"
      print "|---|---|---|---|---|"
      for (i = 1; i <= apps; i++) {
        app = order[i]; line = "| " app
        for (e = 1; e <= 4; e++) line = line " | " cost[app SUBSEP eps[e]]
        print line " |"
      }
      print ""
      print "Ratios of mean req/s over the rounds:"
      print ""
      print "| compared | endpoint | ratio |"
      print "|---|---|---|"
      ratio("sessionkit-db", "spring-session-jdbc", "read")
      ratio("sessionkit-db", "spring-session-jdbc", "incr")
      ratio("sessionkit-redis", "spring-session-redis", "read")
      ratio("sessionkit-redis", "spring-session-redis", "incr")
      ratio("sessionkit-redis-jedis", "spring-session-redis", "read")
      ratio("sessionkit-redis-jedis", "spring-session-redis", "incr")
      ratio("sessionkit-cache", "tomcat", "touch")
      ratio("sessionkit-cache", "tomcat", "read")
      ratio("sessionkit-cache", "tomcat", "incr")
      ratio("sessionkit-cached-db-redis", "spring-session-jdbc", "read")
      ratio("sessionkit-cached-db-redis", "spring-session-jdbc", "incr")
      ratio("sessionkit-cached-db-caffeine", "spring-session-jdbc", "read")
      ratio("sessionkit-cached-db-caffeine", "spring-session-jdbc", "incr")
      ratio("sessionkit-signed-cookies", "tomcat", "read")
      ratio("sessionkit-signed-cookies", "tomcat", "incr")
      ratio("sessionkit-encrypted-cookies", "tomcat", "read")
      ratio("sessionkit-encrypted-cookies", "tomcat", "incr")
    }
    function ratio(ours, theirs, endpoint,   a, b) {
      a = ours SUBSEP endpoint; b = theirs SUBSEP endpoint
      if (!(a in sum) || !(b in sum) || sum[b] == 0) return
      printf "| %s vs %s | /%s | %.2f× |\n", ours, theirs, endpoint, \
        (sum[a] / count[a]) / (sum[b] / count[b])
    }' "$RESULTS"
} > "$REPORT"

mkdir -p benchmarks/target
cp "$RESULTS" "$REPORT" benchmarks/target/ 2>/dev/null || true
echo
cat "$REPORT"
echo
echo "Raw wrk output, app logs and results: $RUN_DIR"

if [ "$WRITE_DOC" = 1 ]; then
  DOC=docs/performance.md
  if grep -q '<!-- http-results:start -->' "$DOC" && grep -q '<!-- http-results:end -->' "$DOC"; then
    awk -v report="$REPORT" '
      /<!-- http-results:start -->/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
      /<!-- http-results:end -->/ { skip = 0 }
      !skip { print }' "$DOC" > "$RUN_DIR/performance.md"
    cp "$RUN_DIR/performance.md" "$DOC"
    echo "Figures written to $DOC."
  else
    echo "$DOC has no <!-- http-results:start/end --> markers; figures not written." >&2
  fi
fi
