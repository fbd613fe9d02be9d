#!/usr/bin/env bash
# Builds the benchmarks, runs every JMH benchmark beside its floor (-prof gc), the cold-start
# comparison in fresh JVMs, lists core's runtime jars, and writes docs/benchmarks.md.
# A few minutes on two cores. Usage: benchmarks/run.sh   (env: COLD_RUNS=10, JMH_ARGS to override)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/target/bench"
COLD_RUNS=${COLD_RUNS:-10}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Two forks: on a shared machine one JVM's run can sit 20% off, enough to flip a verdict.
JMH_ARGS=${JMH_ARGS:--f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
# The machine may have more cores than the figures are meant for: pin to two when we can.
PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  PIN=(taskset -c 0,1)
fi

echo "== build"
./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
CP="$ROOT/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== core's runtime jars"
: > "$OUT/deps.txt"
{ tr ':' '\n' < ollama-client-core/target/classpath.txt; echo; } | while read -r jar; do
  [ -n "$jar" ] && printf '%s\t%s\n' "$(basename "$jar")" "$(stat -c %s "$jar")" >> "$OUT/deps.txt"
done
cat "$OUT/deps.txt"

JMH_COMMAND="${PIN[*]} java -cp <benchmarks runtime classpath> org.openjdk.jmh.Main $JMH_ARGS -rf json"
echo "== JMH: $JMH_COMMAND"
# shellcheck disable=SC2086
"${PIN[@]}" "$JAVA" -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS -rf json -rff "$OUT/jmh.json" \
  | tee "$OUT/jmh.txt"

echo "== cold start: $COLD_RUNS fresh JVMs each"
"${PIN[@]}" "$JAVA" -cp "$CP" io.github.ollamaclient.benchmarks.PayloadServer 600 > "$OUT/server-url.txt" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do # up to a minute: rendering the payloads is slow on a busy machine
  [ -s "$OUT/server-url.txt" ] && break
  sleep 0.1
done
URL=$(head -n 1 "$OUT/server-url.txt")
: > "$OUT/cold-sdk.txt"
: > "$OUT/cold-plain.txt"
for i in $(seq 1 "$COLD_RUNS"); do
  # Alternate, so a noisy neighbour hurts both alike.
  "${PIN[@]}" "$JAVA" -cp "$CP" io.github.ollamaclient.benchmarks.ColdStartPlain "$URL" >> "$OUT/cold-plain.txt"
  "${PIN[@]}" "$JAVA" -cp "$CP" io.github.ollamaclient.benchmarks.ColdStartSdk "$URL" >> "$OUT/cold-sdk.txt"
  echo "  run $i: plain $(tail -n 1 "$OUT/cold-plain.txt") ms, sdk $(tail -n 1 "$OUT/cold-sdk.txt") ms"
done
kill "$SERVER_PID" 2>/dev/null || true

echo "== report"
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cores=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1024/1024}' /proc/meminfo)"
  echo "os=$(uname -sr)"
  echo "jvm=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
  echo "command=benchmarks/run.sh (JMH: $JMH_COMMAND; cold start: $COLD_RUNS fresh JVMs per main)"
} > "$OUT/env.properties"
[ -f benchmarks/notes.md ] && cp benchmarks/notes.md "$OUT/notes.md"
mkdir -p docs
"$JAVA" -cp "$CP" io.github.ollamaclient.benchmarks.Report "$OUT" docs/benchmarks.md
echo "wrote docs/benchmarks.md"
