#!/usr/bin/env bash
# The matchmaker alone, without HTTP or a load generator: TICKETS tickets queued in a fresh redis-server on loopback,
# then 1, 2 and 4 matcher loops (FIFO 5v5, matches recorded) matching them all (`stampede-matchmaker-bench`, release
# build). Prints tickets matched per second and the CPU per ticket of the matchmaker and of redis-server.
#
# Usage: scripts/bench/matchmaker-alone.sh [TICKETS]    (default 100000)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tickets=${1:-100000}
command -v redis-server >/dev/null || { echo "error: redis-server is not installed (make deps)" >&2; exit 1; }
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    echo "== swift build -c release --product stampede-matchmaker-bench" >&2
    (cd "$root" && swift build -c release --product stampede-matchmaker-bench 2>&1 | grep -E "error|warning: " | tail -5) >&2 || true
fi
bench="$root/.build/release/stampede-matchmaker-bench"
[[ -x "$bench" ]] || { echo "error: no $bench after the build" >&2; exit 1; }
for workers in 1 2 4; do
    echo "== $tickets tickets, $workers worker(s)"
    timeout --signal=INT --kill-after=10 300 "$bench" "$tickets" "$workers"
done
