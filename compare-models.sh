#!/usr/bin/env bash
# Model comparison: ./compare-models.sh [--models a.gguf,b.gguf | --dir folder] [--prompts file] [--max-tokens N] [--out dir]
# Runs a prompt set on each model through the real inference service (one process at a time) and writes
# <out>/comparison.md and <out>/comparison.png. See model-compare/README.md.
# Builds the inference service when its package is missing, and this tool when its jar is missing or older than its
# sources (offline; proto, gguf and test-support must be installed in ~/.m2: ./mvnw -B -o install -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
service_jar="$root/inference-service/target/quarkus-app/quarkus-run.jar"
jar="$root/model-compare/target/model-compare.jar"
if [[ ! -f "$service_jar" ]]; then
  echo "building inference-service ..." >&2
  (cd "$root" && ./mvnw -B -o -q package -DskipTests -pl inference-service)
fi
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/model-compare/src" "$root/model-compare/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "building model-compare ..." >&2
  (cd "$root" && ./mvnw -B -o -q -f model-compare/pom.xml package -DskipTests)
fi
# The service jar is found from the working directory upwards, so run from the repository root; relative paths given
# by the caller are resolved against the caller's folder first.
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --models)
      [[ $# -ge 2 ]] || { echo "compare-models: --models needs a value" >&2; exit 2; }
      IFS=',' read -r -a list <<< "$2"; abs=()
      for m in "${list[@]}"; do [[ -n "$m" ]] && abs+=("$(realpath -m -- "$m")"); done
      args+=("$1" "$(IFS=','; echo "${abs[*]}")"); shift 2 ;;
    --dir|--prompts|--out)
      [[ $# -ge 2 ]] || { echo "compare-models: $1 needs a value" >&2; exit 2; }
      args+=("$1" "$(realpath -m -- "$2")"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
cd "$root"
exec java ${COMPARE_JAVA_OPTS:-} -Djava.awt.headless=true -jar "$jar" ${args[@]+"${args[@]}"}
