#!/usr/bin/env bash
# Runs the benchmarks described in BENCHMARKS.md. Not part of `mvn -B verify`: the `bench` Maven
# profile builds everything into target/bench/, apart from the normal build.
#
#   bench/run.sh jmh [JMH options]        micro benchmarks (decode + dedupe, webhook signing), e.g. -prof gc
#   bench/run.sh e2e [-Dbench.*=...]      in-process bridge: simulated Zoom → direct:zoom-events (→ webhooks)
#   bench/run.sh memory [-Dbench.*=...]   the packaged jar in a child JVM: RSS and heap, idle and after a burst
#   bench/run.sh live [-Dbench.*=...]     the jar vs a minimal Vert.x forwarder, same fake Zoom and receiver (issue 10)
#   bench/run.sh startup [-Dbench.*=...]  the jar's start-up to /health 200 vs the forwarder's, repeated, medians
#   bench/run.sh reconnect [-Dbench.*=...] the jar vs plain jittered backoff through Zoom outages: time back on air (issue 11)
#   bench/run.sh store [-Dbench.*=...]    the jar's embedded store: disk per event after a burst, a steady stream, idle (issue 13)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"
shift || true
# The first harness took only -D options: keep `bench/run.sh -Dbench.rate=...` meaning the end-to-end run.
if [[ "$what" == -D* ]]; then set -- "$what" "$@"; what=e2e; fi
build() {
  mvn -B -q -Pbench "$@" dependency:build-classpath \
    -Dmdep.outputFile=target/bench/classpath -Dmdep.includeScope=test
}
cp_of() { echo "target/bench/test-classes:target/bench/classes:$(cat target/bench/classpath)"; }
case "$what" in
  jmh)
    build test-compile
    exec java -cp "$(cp_of)" org.openjdk.jmh.Main "$@"
    ;;
  e2e)
    build test-compile
    props=(); args=()
    for a in "$@"; do if [[ "$a" == -D* ]]; then props+=("$a"); else args+=("$a"); fi; done
    exec java -Xms512m -Xmx512m "${props[@]}" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.EndToEndBench "${args[@]}"
    ;;
  memory)
    build package -DskipTests
    exec java -Xmx256m "$@" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.MemoryBench target/bench/zoom-overlay-bridge.jar
    ;;
  live)
    build package -DskipTests
    mkdir -p target/bench/results
    java "$@" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.live.LiveBench target/bench/zoom-overlay-bridge.jar \
      | tee target/bench/results/live.txt
    ;;
  startup)
    build package -DskipTests
    mkdir -p target/bench/results
    java "$@" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.live.StartupBench target/bench/zoom-overlay-bridge.jar \
      | tee target/bench/results/startup.txt
    ;;
  reconnect)
    build package -DskipTests
    mkdir -p target/bench/results
    java "$@" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.reconnect.ReconnectBench target/bench/zoom-overlay-bridge.jar \
      | tee target/bench/results/reconnect.txt
    ;;
  store)
    build package -DskipTests
    mkdir -p target/bench/results
    java "$@" -cp "$(cp_of)" com.zoomoverlay.bridge.bench.StoreSizeBench target/bench/zoom-overlay-bridge.jar \
      | tee target/bench/results/store.txt
    ;;
  *)
    echo "usage: bench/run.sh jmh|e2e|memory|live|startup|reconnect|store [options]   (see BENCHMARKS.md)" >&2
    exit 2
    ;;
esac
