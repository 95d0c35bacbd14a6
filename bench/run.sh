#!/usr/bin/env bash
# Runs the end-to-end benchmark (see BENCHMARKS.md). Not part of `mvn -B verify`.
# Usage: bench/run.sh [-Dbench.rate=200] [-Dbench.seconds=30] [-Dbench.burst=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx512m "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.zoomoverlay.bridge.bench.EndToEndBench
