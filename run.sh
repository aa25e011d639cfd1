#!/usr/bin/env bash
# Starts the whole platform locally, without any container engine: the tokenizer service, one inference service and
# the gateway, as three JVM processes (four with an embedding model). Configured by environment variables (see README.md):
#   LLM_MODEL           path of a GGUF model; default: a .gguf already in the Hugging Face cache, else the default
#                       model below, downloaded into that cache (hf-hub's HubCli). The inference service serves it;
#                       the tokenizer service counts chats for it (EstimateCost) the way the inference service does
#   LLM_MODEL_NAME, LLM_CHAT_TEMPLATE_FILE  its served name and a chat template replacing the file's (both services)
#   LLM_EMBEDDING_MODEL path of a GGUF model to serve for embeddings (POST /v1/embeddings) too: a fourth process, an
#                       inference service in embedding mode on EMBEDDING_PORT (8083), named LLM_EMBEDDING_MODEL_NAME
#                       (default: the file's name without .gguf in lower case, then -embedding); LLM_EMBEDDING_POOLING
#                       cls or last (default: the file's pooling_type, else last)
#   LLM_TOKENIZERS_DIR  folder of tokenizer folders (each with tokenizer.json); default: the Hugging Face cache
#   GATEWAY_PORT        gateway port (8080); TOKENIZER_PORT (8081) and INFERENCE_PORT (8082) for the others
#   HF_HOME             Hugging Face cache root (~/.cache/huggingface)
#   LLM_BIND_ADDRESS    interface the three services listen on: 127.0.0.1 (this machine only) unless set, e.g. to
#                       0.0.0.0; when it is not loopback and LLM_GRPC_TOKEN is unset, a random gRPC token is made
#   LLM_GRPC_TOKEN      shared token the gRPC ports require (the gateway sends it); none on loopback unless set
#   TOKENIZER_HEAP, INFERENCE_HEAP, GATEWAY_HEAP  maximum Java heap of each service (1g, 512m, 512m)
#   LLM_RESTARTS        how many times a service that exits is restarted (5) before the platform stops
#   LLM_REBUILD=1       rebuild the services even when packaged jars exist
set -euo pipefail
cd "$(dirname "$0")"

export GATEWAY_PORT="${GATEWAY_PORT:-8080}"
export TOKENIZER_PORT="${TOKENIZER_PORT:-8081}"
export INFERENCE_PORT="${INFERENCE_PORT:-8082}"
EMBEDDING_PORT="${EMBEDDING_PORT:-8083}"
export HF_HOME="${HF_HOME:-$HOME/.cache/huggingface}"
export LLM_BIND_ADDRESS="${LLM_BIND_ADDRESS:-127.0.0.1}"
export QUARKUS_HTTP_HOST="$LLM_BIND_ADDRESS"
case "$LLM_BIND_ADDRESS" in 0.0.0.0|::|'[::]') LOCAL=127.0.0.1 ;; *) LOCAL="$LLM_BIND_ADDRESS" ;; esac
export TOKENIZER_ADDRESS="$LOCAL:${TOKENIZER_PORT}"
export INFERENCE_ENDPOINTS="$LOCAL:${INFERENCE_PORT}"
RESTARTS="${LLM_RESTARTS:-5}"
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

# One file of a Hub repository into the Hugging Face cache ($HF_HOME/hub, or HF_HUB_CACHE), through the platform's
# Hub library (hf-hub's HubCli, from the packaged tokenizer service): cache first, verified, locked, resumable; honours
# HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE. Prints the local path.
hub_download() { # repo path-in-repo [--sha256 S] [--revision R]
  local app=tokenizer-service/target/quarkus-app hub logging
  hub="$(ls "$app"/lib/main/dev.llmplatform.hf-hub-*.jar 2>/dev/null | head -n 1)"
  logging="$(ls "$app"/lib/boot/org.jboss.logging.jboss-logging-*.jar 2>/dev/null | head -n 1)"
  [ -n "$hub" ] && [ -n "$logging" ] || die "the packaged tokenizer service has no hf-hub library: rebuild with LLM_REBUILD=1"
  java -cp "$hub:$logging" dev.llmplatform.hfhub.HubCli download "$@"
}

download_default_model() {
  say "downloading $DEFAULT_MODEL_REPO/$DEFAULT_MODEL_FILE into the Hugging Face cache at $HF_HOME/hub"
  hub_download "$DEFAULT_MODEL_REPO" "$DEFAULT_MODEL_FILE" --sha256 "$DEFAULT_MODEL_SHA256"
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

declare -A PID MODULE HEAP STARTS SETTINGS
NAMES=(tokenizer-service inference-service gateway)
MODULE=([tokenizer-service]=tokenizer-service [inference-service]=inference-service [gateway]=gateway
        [embedding-service]=inference-service)
HEAP=([tokenizer-service]="${TOKENIZER_HEAP:-1g}" [inference-service]="${INFERENCE_HEAP:-512m}"
      [gateway]="${GATEWAY_HEAP:-512m}" [embedding-service]="${INFERENCE_HEAP:-512m}")

stop_all() {
  trap - EXIT INT TERM
  local pids=()
  for name in "${NAMES[@]}"; do [ -n "${PID[$name]:-}" ] && pids+=("${PID[$name]}"); done
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 143' INT TERM

# A bounded heap, and exit on OutOfMemoryError so the supervisor below restarts the service instead of leaving it
# half-alive. Native memory (the model, the tokenizers' native handles) is outside the heap.
start_service() { # name
  local name="$1"
  STARTS[$name]=$(( ${STARTS[$name]:-0} + 1 ))
  [ "${STARTS[$name]}" -gt 1 ] || : >"$LOG_DIR/$name.log"
  # shellcheck disable=SC2086 # SETTINGS holds NAME=value words without spaces
  env ${SETTINGS[$name]:-} java "-Xmx${HEAP[$name]}" -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} \
    -jar "${MODULE[$name]}/target/quarkus-app/quarkus-run.jar" >>"$LOG_DIR/$name.log" 2>&1 &
  PID[$name]=$!
}

exit_reason() { # status
  local status=$1
  if [ "$status" -gt 128 ]; then
    local signal; signal="$(kill -l $((status - 128)) 2>/dev/null || echo "?")"
    printf 'killed by SIG%s (exit %s)' "$signal" "$status"
  else
    printf 'exit status %s' "$status"
  fi
}

wait_ready() { # name port
  local deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fs -o /dev/null "http://$LOCAL:$2/q/health/ready"; do
    if [ $SECONDS -ge $deadline ]; then die "$1 was not ready within ${READY_TIMEOUT}s; see $LOG_DIR/$1.log"; fi
    kill -0 "${PID[$1]}" 2>/dev/null || { wait "${PID[$1]}"; die "$1 exited during start-up ($(exit_reason $?)); see $LOG_DIR/$1.log"; }
    sleep 1
  done
  say "$1 ready on port $2"
}

command -v java >/dev/null || die "java (17 or newer) is not installed."
command -v curl >/dev/null || die "curl is not installed (the readiness checks use it)."
mkdir -p "$LOG_DIR"
build_if_needed
LLM_MODEL="$(choose_model)"
# All three services read it: the inference service serves the model, the tokenizer service counts its chats
# (EstimateCost) with its vocabulary and template, under the same served name (LLM_MODEL_NAME when set).
export LLM_MODEL
[ -n "${LLM_TOKENIZERS_DIR:-}" ] && { [ -d "$LLM_TOKENIZERS_DIR" ] || die "LLM_TOKENIZERS_DIR '$LLM_TOKENIZERS_DIR' is not a folder."; }
case "$LLM_BIND_ADDRESS" in
  127.*|::1|localhost) ;;
  *)
    if [ -z "${LLM_GRPC_TOKEN:-}" ]; then
      LLM_GRPC_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      printf '%s\n' "$LLM_GRPC_TOKEN" >"$LOG_DIR/grpc-token"
      chmod 600 "$LOG_DIR/grpc-token"
      say "listening on $LLM_BIND_ADDRESS: the gRPC ports require the token written to $LOG_DIR/grpc-token"
    fi
    [ -n "${GATEWAY_API_KEYS:-}${GATEWAY_API_KEYS_FILE:-}" ] \
      || say "warning: the gateway is reachable on $LLM_BIND_ADDRESS without API keys (set GATEWAY_API_KEYS)"
    ;;
esac
[ -n "${LLM_GRPC_TOKEN:-}" ] && export LLM_GRPC_TOKEN
if [ -n "${LLM_EMBEDDING_MODEL:-}" ]; then
  [ -f "$LLM_EMBEDDING_MODEL" ] || die "LLM_EMBEDDING_MODEL is set to '$LLM_EMBEDDING_MODEL', which is not a file: set it to the path of a GGUF model."
  case "$LLM_EMBEDDING_MODEL" in *[[:space:]]*) die "LLM_EMBEDDING_MODEL must be a path without spaces." ;; esac
  EMBEDDING_NAME="${LLM_EMBEDDING_MODEL_NAME:-$(basename "$LLM_EMBEDDING_MODEL" .gguf | tr "[:upper:]" "[:lower:]")-embedding}"
  case "$EMBEDDING_NAME" in *[!A-Za-z0-9._-]*) die "LLM_EMBEDDING_MODEL_NAME '$EMBEDDING_NAME' may hold letters, digits, '.', '_' and '-' only." ;; esac
  NAMES+=(embedding-service)
  SETTINGS[embedding-service]="INFERENCE_PORT=$EMBEDDING_PORT LLM_MODEL=$LLM_EMBEDDING_MODEL LLM_MODEL_NAME=$EMBEDDING_NAME LLM_EMBEDDING=true LLM_EMBEDDING_POOLING=${LLM_EMBEDDING_POOLING:-} LLM_CHAT_TEMPLATE_FILE= LLM_MODEL_ID="
  export INFERENCE_ENDPOINTS="$INFERENCE_ENDPOINTS,$LOCAL:$EMBEDDING_PORT"
fi

say "model: $LLM_MODEL"
[ -n "${EMBEDDING_NAME:-}" ] && say "embedding model: $LLM_EMBEDDING_MODEL, served as $EMBEDDING_NAME"
say "tokenizers: ${LLM_TOKENIZERS_DIR:-the Hugging Face cache at $HF_HOME, plus the tiktoken encodings}"
# The backends first: the gateway, started once they are ready, lists the model as soon as it reports ready itself.
for name in tokenizer-service inference-service; do start_service "$name"; done
[ -n "${EMBEDDING_NAME:-}" ] && start_service embedding-service
wait_ready tokenizer-service "$TOKENIZER_PORT"
wait_ready inference-service "$INFERENCE_PORT"
[ -n "${EMBEDDING_NAME:-}" ] && wait_ready embedding-service "$EMBEDDING_PORT"
start_service gateway
wait_ready gateway "$GATEWAY_PORT"
say "the platform is up: open http://$LOCAL:$GATEWAY_PORT/ (logs in $LOG_DIR/; Ctrl-C stops it)"

# Supervise: a service that exits is named with its exit reason and the end of its log, and restarted, up to
# LLM_RESTARTS times; the others keep serving meanwhile (the gateway answers 503 for what needs the missing one).
set +e
while true; do
  wait -n -p exited "${PID[@]}"
  status=$?
  [ -n "${exited:-}" ] || continue
  for name in "${NAMES[@]}"; do
    [ "${PID[$name]}" = "$exited" ] || continue
    say "$name stopped ($(exit_reason $status)); last lines of $LOG_DIR/$name.log:"
    tail -n 5 "$LOG_DIR/$name.log" | sed 's/^/[run]   /' >&2
    if [ $((STARTS[$name] - 1)) -ge "$RESTARTS" ]; then
      say "$name stopped ${STARTS[$name]} times; giving up and stopping the platform"
      exit 1
    fi
    say "restarting $name in ${STARTS[$name]} s (restart ${STARTS[$name]} of $RESTARTS)"
    sleep "${STARTS[$name]}"
    start_service "$name"
  done
done
