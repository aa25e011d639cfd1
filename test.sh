#!/usr/bin/env bash
# Runs every test: unit tests, @QuarkusTest per service, the deployment checks and the end-to-end suite (which starts
# the packaged services as processes). Test models and tokenizers come from LLM_TEST_ASSETS (a folder laid out like
# ../shared/assets); without it the tests download them from their public sources into ~/.cache/llm-platform.
# Tools the tests drive (docker-compose and kubectl for the deployment checks, Chromium for the web UI test, Node.js
# for the real client libraries) are installed when missing and this runs as root with apt.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
command -v kubectl >/dev/null || need_apt+=(kubectl)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[test] installing ${need_apt[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "[test] missing tools the tests need: ${need_apt[*]} (install them, e.g. with apt-get)" >&2
  fi
fi

exec ./mvnw -B verify "$@"
