#!/usr/bin/env bash
# The database runs (dev.sessionkit.benchmarks.db), each a plain main that prints its figures:
#
#   benchmarks/run-db.sh cleanup-under-load            issue 10: p50/p99 of load+save with and
#                                                      without 200,000 expired rows being removed
#   benchmarks/run-db.sh cleanup-under-load -Dbench.db=mariadb
#   benchmarks/run-db.sh growth                        issue 11: load latency at 10k/100k/1M
#                                                      sessions, cleanup time at 10k/50k/200k rows
#
# Options before the run's name: --no-build (use the last build), --offline (./mvnw -o).
# -D options after it go to the JVM: bench.db (postgresql, mariadb), bench.expired, bench.live,
# bench.threads, bench.seconds (cleanup-under-load); bench.sizes, bench.expired-sizes, bench.loads
# (growth); bench.pg.url, bench.mariadb.url for other servers.
#
# Needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust) or MariaDB on
# 127.0.0.1:3306 (user root, empty password). Each run works in a schema (PostgreSQL) or database
# (MariaDB) of its own, dropped and created again at its start: sessionkit_cleanup_bench for
# cleanup-under-load, sessionkit_growth for growth. Left in place afterwards for inspection.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

BUILD=1
MVN_OFFLINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --offline) MVN_OFFLINE=-o ;;
    *) break ;;
  esac
  shift
done

case "${1:-}" in
  cleanup-under-load) MAIN=dev.sessionkit.benchmarks.db.CleanupUnderLoad ;;
  growth) MAIN=dev.sessionkit.benchmarks.db.StoreGrowth ;;
  *) echo "usage: $0 [--no-build] [--offline] cleanup-under-load|growth [-Dbench.x=y ...]" >&2; exit 2 ;;
esac
shift

if [ "$BUILD" = 1 ]; then
  echo "Building benchmarks/ ..."
  timeout 900 ./mvnw $MVN_OFFLINE -q -pl benchmarks -am package -DskipTests
fi
[ -f benchmarks/target/classpath/jmh.txt ] \
  || { echo "benchmarks/ is not built (run without --no-build)." >&2; exit 1; }

exec java -Xmx1g "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath/jmh.txt)" "$MAIN"
