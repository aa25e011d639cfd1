#!/usr/bin/env bash
# Runs every test: unit tests, @QuarkusTest per service, the deployment checks and the end-to-end suite (which starts
# the packaged services as processes). Test models and tokenizers come from LLM_TEST_ASSETS (a folder laid out like
# ../shared/assets); without it the tests download them from their public sources into ~/.cache/llm-platform.
#
# The tests also drive tools outside Maven: kubectl and docker-compose (deployment checks, no cluster or engine
# needed), Chromium (web UI test) and Node.js with npm (the official client libraries). This script checks for them
# and stops with the list of what is missing; `./test.sh --install` installs the missing ones with apt (as root).
# Other arguments go to Maven (for example: ./test.sh -pl gateway -am).
set -euo pipefail
cd "$(dirname "$0")"

install=0
if [ "${1:-}" = "--install" ]; then
  install=1
  shift
fi

declare -A package=([docker-compose]=docker-compose [kubectl]=kubectl [chromium]=chromium [npm]="nodejs npm")
missing=()
for tool in docker-compose kubectl chromium npm; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$install" = 1 ]; then
    command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] \
      || { echo "[test] --install needs apt-get and root; install by hand: ${missing[*]}" >&2; exit 1; }
    packages=()
    for tool in "${missing[@]}"; do packages+=(${package[$tool]}); done
    echo "[test] installing ${packages[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "[test] missing tools the tests need: ${missing[*]}" >&2
    echo "[test] install them (Debian/Ubuntu: apt-get install docker-compose kubectl chromium nodejs npm)," >&2
    echo "[test] or run ./test.sh --install as root to have them installed with apt" >&2
    exit 1
  fi
fi

exec ./mvnw -B verify "$@"
