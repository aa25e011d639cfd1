#!/usr/bin/env bash
# Benchmarks and the load/fault harness: ./bench.sh <chat|tokenizer|load|memory|parity|threads|routing> [options]  (see bench/README.md)
# Builds the bench module when its jar is missing or older than its sources, then runs it from the repository root.
# The services must be packaged first: ./mvnw -B -o package -DskipTests -pl tokenizer-service,inference-service,gateway
set -euo pipefail
cd "$(dirname "$0")"
export LLM_TEST_ASSETS="${LLM_TEST_ASSETS:-$(cd .. && pwd)/shared/assets}"
jar=bench/target/bench.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find bench/src bench/pom.xml -newer "$jar" -print -quit)" ]]; then
  ./mvnw -B -o -q -f bench/pom.xml package -DskipTests
fi
exec java ${BENCH_JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dllm.test.assets="$LLM_TEST_ASSETS" -jar "$jar" "$@"
