#!/usr/bin/env bash
# Runs every `stampede run` benchmark one after the other (never in parallel: they share 2 cores):
# throughput vs wrk and locust, open-model accuracy, memory of 1,000,000 idle players, then the CPU profile of the
# throughput run. Builds the release stampede once first. Each benchmark cleans up after itself (nginx, children).
#
# Usage: scripts/bench/run-all.sh            Env: NO_PROFILE=1 skips the profile.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
bench_traps

bench_build
export BENCH_SKIP_BUILD=1
echo "######## throughput.sh"
./throughput.sh
echo
echo "######## open-accuracy.sh"
./open-accuracy.sh
echo
echo "######## memory.sh"
./memory.sh
if [[ "${NO_PROFILE:-0}" != 1 ]]; then
    echo
    echo "######## profile.sh"
    ./profile.sh
fi
