#!/usr/bin/env bash
# The JMH benchmarks: codec vs bare Jackson, Session operations, each backend's load and save.
#
#   benchmarks/run-jmh.sh                          every benchmark, with the settings in the classes
#   benchmarks/run-jmh.sh CodecBenchmark           a subset (JMH's regular expression)
#   benchmarks/run-jmh.sh -p backend=redis,h2 Backend
#   benchmarks/run-jmh.sh --smoke                  one short iteration of each, to check they run
#   benchmarks/run-jmh.sh --no-build -h            JMH's own options
#
# Options before the JMH arguments: --no-build (use the last build), --offline (./mvnw -o),
# --smoke (-f 1 -wi 1 -i 1 -w 1s -r 1s). Everything else goes to JMH (org.openjdk.jmh.Main).
#
# BackendBenchmark needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres, schema
# sessionkit_bench, created if missing) and Redis on 127.0.0.1:6379 (database 7); other servers
# through -jvmArgsAppend "-Dbench.pg.url=... -Dbench.redis.host=... -Dbench.redis.port=...".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

BUILD=1
MVN_OFFLINE=""
SMOKE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --offline) MVN_OFFLINE=-o ;;
    --smoke) SMOKE=(-f 1 -wi 1 -i 1 -w 1s -r 1s) ;;
    *) break ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then
  echo "Building benchmarks/ ..."
  timeout 900 ./mvnw $MVN_OFFLINE -q -pl benchmarks -am package -DskipTests
fi
[ -f benchmarks/target/classes/META-INF/BenchmarkList ] && [ -f benchmarks/target/classpath/jmh.txt ] \
  || { echo "benchmarks/ is not built (run without --no-build)." >&2; exit 1; }

if command -v psql >/dev/null; then
  psql -h 127.0.0.1 -U postgres -d test -q -c "CREATE SCHEMA IF NOT EXISTS sessionkit_bench" \
    >/dev/null 2>&1 || echo "PostgreSQL unavailable: BackendBenchmark's postgresql case will fail." >&2
fi

# JMH forks JVMs on this classpath: run from a copy, so that a build or a clean elsewhere in the
# tree cannot change the classes under a running benchmark.
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sessionkit-jmh.XXXXXX")
trap 'rm -rf "$RUN_DIR"' EXIT
cp -r benchmarks/target/classes "$RUN_DIR/classes"
mkdir -p "$RUN_DIR/lib"
entries=("$RUN_DIR/classes")
IFS=: read -r -a jars < benchmarks/target/classpath/jmh.txt || true  # no final newline
for jar in "${jars[@]}"; do
  case "$jar" in
    "$ROOT"/*) cp "$jar" "$RUN_DIR/lib/"; entries+=("$RUN_DIR/lib/$(basename "$jar")") ;;
    *) entries+=("$jar") ;;
  esac
done
CLASSPATH=$(IFS=:; echo "${entries[*]}")

java -cp "$CLASSPATH" org.openjdk.jmh.Main "${SMOKE[@]}" "$@"
