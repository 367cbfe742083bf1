#!/usr/bin/env bash
# The soak: each sessionkit backend app under 16 clients for 60 s on loopback, checked for errors
# and for lost compute updates (see SoakClient for the mix and the accounting). Not part of the
# tests; figures in docs/reliability.md.
#
#   benchmarks/run-soak.sh                   every sessionkit app, one after the other
#   benchmarks/run-soak.sh --duration 10     a quick run
#
# Options (each also settable through the environment variable in brackets):
#   --duration S     seconds of load per app [DURATION, 60]
#   --clients N      concurrent clients, each with its own connection [CLIENTS, 16]
#   --shared N       of those, clients sharing one hot session (server-side apps) [SHARED, 4]
#   --apps "A B"     the apps to run, in this order [APPS, every sessionkit app]
#   --incr E         the increment endpoint [INCR, incr (compute)]; incr-getput (a plain get
#                    then put) is a control: the soak must report lost updates on the hot session
#   --no-build       use the last build of benchmarks/ instead of building it
#   --offline        build with ./mvnw -o
#
# Needs what run-http.sh needs (java, curl, psql, redis-cli, PostgreSQL and Redis on loopback),
# plus the mariadb client and MariaDB on 127.0.0.1:3306 (user root, no password; database
# sessionkit_bench, dropped and recreated) for sessionkit-db-mariadb. Each app is started, loaded
# and stopped in turn; every step is bounded in time. Exits 1 when any app had an error, a lost
# update or a wrong answer.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRIPT="$ROOT/benchmarks/$(basename "$0")"
cd "$ROOT"
# shellcheck source=apps.sh
source benchmarks/apps.sh

DURATION=${DURATION:-60}
CLIENTS=${CLIENTS:-16}
SHARED=${SHARED:-4}
APPS=${APPS:-}
INCR=${INCR:-incr}
BUILD=1
MVN_OFFLINE=""

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --shared) SHARED=$2; shift ;;
    --apps) APPS=$2; shift ;;
    --incr) INCR=$2; shift ;;
    --no-build) BUILD=0 ;;
    --offline) MVN_OFFLINE=-o ;;
    -h|--help) sed -n '2,23p' "$SCRIPT"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

require_tools java curl psql redis-cli mariadb awk
if [ -z "$APPS" ]; then
  APPS="sessionkit-db sessionkit-db-mariadb sessionkit-redis sessionkit-cache"
  APPS="$APPS sessionkit-cached-db-redis sessionkit-cached-db-caffeine"
  APPS="$APPS sessionkit-signed-cookies sessionkit-encrypted-cookies"
fi
read -r -a APP_LIST <<< "$APPS"
check_apps "${APP_LIST[@]}"

build_and_snapshot sessionkit-soak
prepare_servers "${APP_LIST[@]}"
install_traps run-soak.sh

RESULTS="$RUN_DIR/soak.tsv"
printf 'app\tseconds\tclients\tshared\trequests\treq_per_s\tnon2xx\tsocket_errors\tsessions\tincrements\tlost\tunreadable\twrong_answers\tkey_changes\tstatus\n' \
  > "$RESULTS"
failed=0
port=$BASE_PORT
for app in "${APP_LIST[@]}"; do
  port=$((port + 1))
  start_app "$app" "$port"
  shared=$SHARED
  case "$COOKIE_APPS" in *" $app "*) shared=0 ;; esac  # a cookie session cannot be shared
  echo "$app up on port $port: $CLIENTS clients ($shared on one hot session) for ${DURATION}s ..."
  status=ok
  timeout $((DURATION + 120)) java -cp "$RUN_DIR/classes" dev.sessionkit.benchmarks.soak.SoakClient \
    --url "http://127.0.0.1:$port" --clients "$CLIENTS" --shared "$shared" --duration "$DURATION" \
    --incr "$INCR" \
    > "$RUN_DIR/$app.out" 2> >(tee "$RUN_DIR/$app.err" >&2) || { status=FAILED; failed=1; }
  stop_app "$app"
  figures=$(tail -1 "$RUN_DIR/$app.out")
  echo "$app: $figures ($status)"
  awk -v app="$app" -v seconds="$DURATION" -v clients="$CLIENTS" -v shared="$shared" \
      -v status="$status" '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", app, seconds, clients, \
      shared, v["requests"], v["req_per_s"], v["non2xx"], v["socket_errors"], v["sessions"], \
      v["increments"], v["lost"], v["unreadable"], v["wrong_answers"], v["key_changes"], status
  }' <<< "$figures" >> "$RESULTS"
done

java_version=$(java -version 2>&1 | head -1)
REPORT="$RUN_DIR/soak.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'): $CLIENTS clients ($SHARED on one hot session for" \
    "server-side apps) for ${DURATION}s per app, increments by /$INCR; machine: $(nproc) CPUs, $java_version."
  echo
  echo "| app | requests | req/s | non-2xx | socket errors | sessions | increments | lost | wrong answers | result |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", \
    $1, $5, $6, $7, $8, $9, $10, $11, $13, $15 }' "$RESULTS"
} > "$REPORT"
mkdir -p benchmarks/target
cp "$RESULTS" "$REPORT" benchmarks/target/ 2>/dev/null || true
echo
cat "$REPORT"
echo
echo "Client output and app logs: $RUN_DIR"
exit $failed
