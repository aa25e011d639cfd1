#!/usr/bin/env bash
# The load and fault harness: starts the packaged platform with two inference replicas, drives load, sends bad
# inputs and attacks beside normal traffic, injects faults, prints the figures and exits non-zero when a
# must-be-zero figure is not zero.
#   ./loadtest.sh --short --out load.json        # CI: about 10-15 s per phase
#   ./loadtest.sh --phase-seconds 60             # the full run
exec "$(dirname "$0")/bench.sh" load "$@"
