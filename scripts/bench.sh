#!/usr/bin/env bash
# Runs the benchmarks recorded in docs/benchmarks.md (not part of the test command):
#   bash scripts/bench.sh            everything (about 25 minutes on 2 cores)
#   bash scripts/bench.sh book       one part: book | core | risk | engine | latency | memory | sandbox | grpc | rest | ws | hl | mm | fix
# Results go to stdout and to bench/target/results/ (JMH JSON and the harness outputs).
# Every run is bounded in count and time; only loopback addresses are used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=bench/target/benchmarks.jar
OUT=bench/target/results
what="${1:-all}"

if [[ ! -f "$JAR" || -n "$(find gateway/src bench/src -newer "$JAR" -type f -print -quit)" ]]; then
  echo "building $JAR ..." >&2
  mvn -B -q -DskipTests -pl bench -am package
fi
mkdir -p "$OUT"

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

jmh() { # name, then JMH arguments
  local name="$1"
  shift
  java -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json" 2>&1 | tee "$OUT/$name.txt" | grep -E "^(Benchmark|[A-Z][A-Za-z]+Benchmark\.|workload)"
}

run() { # name, then the command
  local name="$1"
  shift
  "$@" 2>&1 | grep -v ' INFO ' | tee "$OUT/$name.txt"
}

machine | tee "$OUT/machine.txt"
case "$what" in all|book) jmh book OrderBookBenchmark ;; esac
case "$what" in all|hl) jmh hl 'io.hyperindex.bench.hl.SigningBenchmark' ;; esac
case "$what" in all|core) jmh core EngineCoreBenchmark ;; esac
case "$what" in all|risk) run risk java -Xms2g -Xmx2g -cp "$JAR" io.hyperindex.bench.RiskOverhead --rounds 15 ;; esac
case "$what" in all|engine) jmh engine EngineBenchmark ;; esac
case "$what" in all|mm) jmh mm 'io.hyperindex.bench.mm.' ;; esac
case "$what" in all|latency)
  run latency-none java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp "$JAR" io.hyperindex.bench.LatencyHarness \
      --rates 100000,500000,1000000 --seconds 5 --warmup-seconds 3 --repeat 3 --fsync none
  run latency-fsync java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp "$JAR" io.hyperindex.bench.LatencyHarness \
      --rates 100000 --seconds 5 --warmup-seconds 3 --repeat 3 --fsync every-batch
  ;;
esac
case "$what" in all|fix)
  # the FIX load tool lives with the gateway's tests (raw FIX clients by default; client=qfj for QuickFIX/J initiators)
  mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dmdep.outputFile="$ROOT/$OUT/fix-classpath.txt" \
      -Dmdep.includeScope=test
  run fix java -Xmx1g -XX:+AlwaysPreTouch \
      -cp "gateway/target/test-classes:gateway/target/classes:$(cat "$OUT/fix-classpath.txt")" \
      io.hyperindex.gateway.api.fix.FixLoadTool sessions=10 rate=5000 seconds=15 warmup=10 bare=file \
      fsync=every-batch repeat=3
  ;;
esac
case "$what" in all|grpc)
  run grpc java -Xmx1g -XX:+AlwaysPreTouch -cp "$JAR" io.hyperindex.bench.api.ApiLoad --protocol grpc --rate 2000 \
      --seconds 20 --warmup-seconds 10 --repeat 3 --fsync every-batch
  ;;
esac
case "$what" in all|rest)
  run rest java -Xmx1g -XX:+AlwaysPreTouch -cp "$JAR" io.hyperindex.bench.api.ApiLoad --protocol rest --rate 2000 \
      --seconds 20 --warmup-seconds 10 --repeat 3 --fsync every-batch
  ;;
esac
case "$what" in all|ws)
  run ws java -Xmx2g -cp "$JAR" io.hyperindex.bench.api.WsFanOut --subscribers 1000 --rate 1000 --seconds 20 \
      --warmup-seconds 5 --repeat 3
  ;;
esac
case "$what" in all|memory) run memory java -Xmx1g -cp "$JAR" io.hyperindex.bench.MemoryFootprint --orders 1000000 --instruments 100 ;; esac
sandbox_heap() { # the sandbox as scripts/sandbox.sh starts it (-Xmx512m): heap once it is ready
  local dir log pid port
  dir="$(mktemp -d)"
  log="$dir/console.txt"
  java -Xmx512m -jar gateway/target/mm-gateway.jar sandbox --data-dir "$dir/data" --http-port 0 --grpc-port 0 \
      --fix-port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    port="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | cut -d: -f3 || true)"
    if [[ -n "$port" ]] && curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  echo "sandbox ready on port $port (pid $pid), -Xmx512m"
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | sed -n '2,4p'
  echo "resident set: $(awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
case "$what" in all|sandbox) run sandbox sandbox_heap ;; esac
