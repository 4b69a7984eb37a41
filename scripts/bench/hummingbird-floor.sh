#!/usr/bin/env bash
# The floor of a Hummingbird 2 server on this machine, and what the gateway's server set-up adds to it:
# `stampede-hummingbird-floor` (one route, GET /hello → "hello", one event loop) in four variants — `plain`
# (Hummingbird as it comes), `loop` (handlers on the connection's event loop, as the gateway runs them), `lazylog`
# (loop, with the services' log handler), `metrics` (lazylog plus the gateway's request metrics middleware: the
# gateway's own set-up) — then nginx (one worker) as the peer, each under
# `wrk -t1 -cCONNECTIONS` for SECONDS. Prints requests/s and the server's CPU per request (from /proc).
#
# Usage: scripts/bench/hummingbird-floor.sh [CONNECTIONS] [SECONDS]    (default 300 10)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

connections=${1:-300}
seconds=${2:-10}
bench_apt wrk:wrk nginx-light:nginx curl:curl
bench_build_products stampede-hummingbird-floor

# measure NAME PID URL: wrk against URL; prints a table row with the CPU per request of PID.
measure() {
    local name=$1 pid=$2 url=$3
    wrk -t1 -c"$connections" -d2s "$url" >/dev/null 2>&1 || true   # warm-up: connections open, caches filled
    local before after output requests
    before=$(bench_cpu_ticks "$pid")
    output=$(wrk -t1 -c"$connections" -d"${seconds}s" "$url")
    after=$(bench_cpu_ticks "$pid")
    requests=$(awk '/requests in/ { print $1 }' <<<"$output")
    python3 -c 'import sys
name, requests, ticks, seconds, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print(f"| {name} | {requests / seconds:,.0f} | {ticks / hz * 1e6 / max(requests, 1):,.1f} µs |")' \
        "$name" "$requests" "$((after - before))" "$seconds" "$(getconf CLK_TCK)"
}

echo "== GET /hello, wrk -t1 -c$connections, ${seconds}s each (after a 2 s warm-up)"
echo "| server | requests/s | server CPU per request |"
echo "|---|---:|---:|"
for variant in plain loop lazylog metrics; do
    bench_start_floor "$variant"
    measure "Hummingbird, $variant" "$FLOOR_PID" "$FLOOR_URL/hello"
    bench_stop_floor
done
bench_start_nginx off
worker=$(pgrep -P "$BENCH_NGINX_PID" | head -1)   # the worker serves; the master only supervises
measure "nginx, 1 worker (peer)" "$worker" "$NGINX_URL/hello.txt"
bench_stop_nginx
