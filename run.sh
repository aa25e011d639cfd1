#!/usr/bin/env bash
# Starts the whole platform locally, without any container engine: the tokenizer service, one inference service and
# the gateway, as three JVM processes. Configured by environment variables (see README.md):
#   LLM_MODEL           path of a GGUF model; default: a .gguf already in the Hugging Face cache, else the default
#                       model below, downloaded into that cache
#   LLM_TOKENIZERS_DIR  folder of tokenizer folders (each with tokenizer.json); default: the Hugging Face cache
#   GATEWAY_PORT        gateway port (8080); TOKENIZER_PORT (8081) and INFERENCE_PORT (8082) for the others
#   HF_HOME             Hugging Face cache root (~/.cache/huggingface)
#   LLM_REBUILD=1       rebuild the services even when packaged jars exist
set -euo pipefail
cd "$(dirname "$0")"

export GATEWAY_PORT="${GATEWAY_PORT:-8080}"
export TOKENIZER_PORT="${TOKENIZER_PORT:-8081}"
export INFERENCE_PORT="${INFERENCE_PORT:-8082}"
export HF_HOME="${HF_HOME:-$HOME/.cache/huggingface}"
export TOKENIZER_ADDRESS="127.0.0.1:${TOKENIZER_PORT}"
export INFERENCE_ENDPOINTS="127.0.0.1:${INFERENCE_PORT}"
LOG_DIR="${LLM_LOG_DIR:-.run-logs}"
READY_TIMEOUT="${LLM_READY_TIMEOUT:-300}"

# The default model: stories260K, a real 260K-parameter llama model trained on TinyStories (it continues stories; it
# is not an instruction-tuned chat model), published in ggml-org/models. Small enough to download in a second.
DEFAULT_MODEL_REPO="ggml-org/models"
DEFAULT_MODEL_FILE="tinyllamas/stories260K.gguf"
DEFAULT_MODEL_SHA256="270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d"

say() { printf '[run] %s\n' "$*" >&2; }
die() { printf '[run] %s\n' "$*" >&2; exit 1; }

build_if_needed() {
  local module missing=0
  for module in tokenizer-service inference-service gateway; do
    [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ "$missing" = 1 ] || [ "${LLM_REBUILD:-0}" = 1 ]; then
    say "building the services (first run only; a few minutes)..."
    ./mvnw -B -q package -DskipTests -pl tokenizer-service,inference-service,gateway -am >&2
  fi
}

cached_model() {
  [ -d "$HF_HOME/hub" ] || return 0
  find -L "$HF_HOME/hub" -path '*/snapshots/*' -name '*.gguf' -type f 2>/dev/null | sort | head -n 1
}

download_default_model() {
  local repo_dir="$HF_HOME/hub/models--${DEFAULT_MODEL_REPO//\//--}"
  local blob="$repo_dir/blobs/$DEFAULT_MODEL_SHA256"
  local link="$repo_dir/snapshots/main/$DEFAULT_MODEL_FILE"
  mkdir -p "$repo_dir/blobs" "$(dirname "$link")"
  if [ ! -f "$blob" ]; then
    say "downloading $DEFAULT_MODEL_REPO/$DEFAULT_MODEL_FILE into $HF_HOME/hub"
    local auth=()
    [ -n "${HF_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $HF_TOKEN")
    curl -fL --progress-bar -C - "${auth[@]}" -o "$blob.incomplete" \
      "https://huggingface.co/$DEFAULT_MODEL_REPO/resolve/main/$DEFAULT_MODEL_FILE" || return 1
    local actual
    actual="$(sha256sum "$blob.incomplete" | cut -d' ' -f1)"
    if [ "$actual" != "$DEFAULT_MODEL_SHA256" ]; then
      rm -f "$blob.incomplete"
      say "the download's sha256 is $actual, expected $DEFAULT_MODEL_SHA256: refused"
      return 1
    fi
    mv "$blob.incomplete" "$blob"
  fi
  ln -sfn "$(realpath --relative-to="$(dirname "$link")" "$blob")" "$link"
  printf '%s\n' "$link"
}

choose_model() {
  if [ -n "${LLM_MODEL:-}" ]; then
    [ -f "$LLM_MODEL" ] || die "LLM_MODEL is set to '$LLM_MODEL', which is not a file: set LLM_MODEL to the path of a GGUF model."
    printf '%s\n' "$LLM_MODEL"
    return
  fi
  local found
  found="$(cached_model)"
  if [ -n "$found" ]; then
    say "LLM_MODEL not set: using $found from the Hugging Face cache"
    printf '%s\n' "$found"
    return
  fi
  found="$(download_default_model)" || die "No model could be found or downloaded: set LLM_MODEL to the path of a GGUF model file."
  printf '%s\n' "$found"
}

PIDS=()
stop_all() {
  trap - EXIT INT TERM
  if [ ${#PIDS[@]} -gt 0 ]; then
    kill -TERM "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 143' INT TERM

start_service() { # name module
  java ${JAVA_OPTS:-} -jar "$2/target/quarkus-app/quarkus-run.jar" >"$LOG_DIR/$1.log" 2>&1 &
  PIDS+=($!)
}

wait_ready() { # name port
  local deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready"; do
    if [ $SECONDS -ge $deadline ]; then die "$1 was not ready within ${READY_TIMEOUT}s; see $LOG_DIR/$1.log"; fi
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || die "a service exited during start-up; see the logs in $LOG_DIR/"
    done
    sleep 1
  done
  say "$1 ready on port $2"
}

command -v java >/dev/null || die "java (17 or newer) is not installed."
command -v curl >/dev/null || die "curl is not installed."
mkdir -p "$LOG_DIR"
LLM_MODEL="$(choose_model)"
export LLM_MODEL
[ -n "${LLM_TOKENIZERS_DIR:-}" ] && { [ -d "$LLM_TOKENIZERS_DIR" ] || die "LLM_TOKENIZERS_DIR '$LLM_TOKENIZERS_DIR' is not a folder."; }
build_if_needed

say "model: $LLM_MODEL"
say "tokenizers: ${LLM_TOKENIZERS_DIR:-the Hugging Face cache at $HF_HOME, plus the tiktoken encodings}"
start_service tokenizer-service tokenizer-service
start_service inference-service inference-service
start_service gateway gateway
wait_ready tokenizer-service "$TOKENIZER_PORT"
wait_ready inference-service "$INFERENCE_PORT"
wait_ready gateway "$GATEWAY_PORT"
say "the platform is up: open http://localhost:$GATEWAY_PORT/ (logs in $LOG_DIR/; Ctrl-C stops it)"

set +e
wait -n "${PIDS[@]}"
status=$?
say "a service stopped (exit $status); stopping the others"
exit "$status"
