# Shared by run-http.sh and run-soak.sh (sourced, not run): building and snapshotting the
# benchmark apps, preparing the servers, and starting and stopping one app JVM per session stack
# on loopback. The caller sets `set -euo pipefail`, ROOT (the repository root, the current
# directory) and BUILD / MVN_OFFLINE, and parses its own options first.

BASE_PORT=${BASE_PORT:-18080}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx1g}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_DB=${PG_DB:-test}
PG_USER=${PG_USER:-postgres}
PG_SCHEMA=sessionkit_bench
MARIADB_HOST=${MARIADB_HOST:-127.0.0.1}
MARIADB_USER=${MARIADB_USER:-root}
MARIADB_DB=sessionkit_bench
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_DB=${REDIS_DB:-7}

# app name -> classpath file (target/classpath/<name>.txt) and Spring profile.
declare -A CLASSPATH_OF=(
  [sessionkit-db]=sessionkit [sessionkit-db-mariadb]=sessionkit [sessionkit-redis]=sessionkit
  [sessionkit-cache]=sessionkit [sessionkit-cached-db-redis]=sessionkit
  [sessionkit-cached-db-caffeine]=sessionkit [sessionkit-signed-cookies]=sessionkit
  [sessionkit-encrypted-cookies]=sessionkit [sessionkit-redis-jedis]=sessionkit-jedis
  [spring-session-jdbc]=spring-session-jdbc [spring-session-redis]=spring-session-redis
  [tomcat]=tomcat)
# Apps whose session travels in the cookie.
COOKIE_APPS=" sessionkit-signed-cookies sessionkit-encrypted-cookies "

require_tools() { # tool...
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "$tool is missing (wrk: sudo apt-get install wrk)." >&2
      exit 1
    fi
  done
}

check_apps() { # app...
  local app
  for app in "$@"; do
    [ -n "${CLASSPATH_OF[$app]:-}" ] || { echo "Unknown app: $app" >&2; exit 2; }
  done
}

# Builds benchmarks/ (unless BUILD=0) and copies its classes and jars to RUN_DIR, so that a build
# or a clean elsewhere in the tree cannot change or remove them while the apps run.
build_and_snapshot() { # run-dir prefix
  if [ "$BUILD" = 1 ]; then
    echo "Building benchmarks/ ..."
    timeout 900 ./mvnw $MVN_OFFLINE -q -pl benchmarks -am package -DskipTests
  fi
  [ -d benchmarks/target/classes ] && [ -f benchmarks/target/classpath/tomcat.txt ] \
    || { echo "benchmarks/ is not built (run without --no-build)." >&2; exit 1; }
  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  mkdir -p "$RUN_DIR/lib" "$RUN_DIR/cp" "$RUN_DIR/logs"
  cp -r benchmarks/target/classes "$RUN_DIR/classes"
  local file name jar entries jars
  for file in benchmarks/target/classpath/*.txt; do
    name=$(basename "$file" .txt)
    entries=()
    IFS=: read -r -a jars < "$file" || true  # the file has no final newline
    for jar in "${jars[@]}"; do
      case "$jar" in
        "$ROOT"/*) cp "$jar" "$RUN_DIR/lib/"; entries+=("$RUN_DIR/lib/$(basename "$jar")") ;;
        *) entries+=("$jar") ;;
      esac
    done
    (IFS=:; echo "$RUN_DIR/classes:${entries[*]}") > "$RUN_DIR/cp/$name.txt"
  done
}

# Empties the benchmark's PostgreSQL schema and Redis database, and MariaDB's benchmark database
# when an app needs it.
prepare_servers() { # app...
  export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
  psql -h "$PG_HOST" -U "$PG_USER" -d "$PG_DB" -q -v ON_ERROR_STOP=1 \
    -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" FLUSHDB >/dev/null
  case " $* " in
    *" sessionkit-db-mariadb "*)
      mariadb -h "$MARIADB_HOST" -u "$MARIADB_USER" \
        -e "DROP DATABASE IF EXISTS $MARIADB_DB; CREATE DATABASE $MARIADB_DB" ;;
  esac
}

PIDS=()
declare -A PORT_OF PID_OF

stop_pids() { # pid...
  local pid
  for pid in "$@"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
}

# Stops every app still running and removes the snapshot; installed as the EXIT trap.
cleanup_apps() {
  stop_pids "${PIDS[@]}"
  rm -rf "$RUN_DIR/lib" "$RUN_DIR/classes"
}

install_traps() { # script name
  trap cleanup_apps EXIT
  # shellcheck disable=SC2064
  trap "echo \"$1: failed at line \$LINENO: \$BASH_COMMAND\" >&2" ERR
  trap 'exit 130' INT TERM
}

url() { echo "http://127.0.0.1:${PORT_OF[$1]}/$2"; }

# What one app JVM has spent so far: "<cpu ticks> <voluntary context switches>", the CPU time
# (user + system, in clock ticks) from /proc/<pid>/stat and the voluntary switches summed over its
# threads (a thread blocking on a lock, a future or a socket). Threads that end in between are not
# counted: these JVMs keep their threads.
process_cost() { # pid
  local pid=$1 ticks switches
  ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  switches=$(cat /proc/"$pid"/task/*/status 2>/dev/null \
    | awk '/^voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }')
  echo "$ticks $switches"
}

# Starts one app JVM on its port (loopback) and waits until it answers /touch.
start_app() { # app port
  local app=$1 port=$2 datasource user deadline
  PORT_OF[$app]=$port
  datasource="jdbc:postgresql://$PG_HOST:5432/$PG_DB?currentSchema=$PG_SCHEMA"
  user=$PG_USER
  if [ "$app" = sessionkit-db-mariadb ]; then
    datasource="jdbc:mariadb://$MARIADB_HOST:3306/$MARIADB_DB"
    user=$MARIADB_USER
  fi
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$(cat "$RUN_DIR/cp/${CLASSPATH_OF[$app]}.txt")" \
    dev.sessionkit.benchmarks.http.BenchmarkApplication \
    --spring.profiles.active="$app" --server.port="$port" \
    --spring.datasource.url="$datasource" --spring.datasource.username="$user" \
    --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT" \
    --spring.data.redis.database="$REDIS_DB" \
    > "$RUN_DIR/logs/$app.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$app]=$!
  deadline=$((SECONDS + STARTUP_TIMEOUT))
  until curl -sf -o /dev/null --max-time 2 "$(url "$app" touch)"; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "${PID_OF[$app]}" 2>/dev/null; then
      echo "$app did not start within ${STARTUP_TIMEOUT}s; its log:" >&2
      tail -40 "$RUN_DIR/logs/$app.log" >&2
      exit 1
    fi
    sleep 1
  done
}

stop_app() { # app
  stop_pids "${PID_OF[$1]}"
}
