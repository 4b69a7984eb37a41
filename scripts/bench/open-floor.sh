#!/usr/bin/env bash
# The floor of one HTTP exchange at an open arrival rate, the way the tickets benchmark sends them (even arrivals, a
# connection per request in flight) rather than as fast as possible: what a bare `GET` costs the load generator and
# the server when requests come RATE a second, each on its own wake-up.
#
# 1. Generators against nginx (1 worker): `stampede run` (open model, `http` adapter, `--event-loops 1` and 2) and,
#    as the peer, `hey -c 100 -q RATE/100` (Go; 100 workers each sending RATE/100 a second).
# 2. Servers under `stampede run --event-loops 1`: `stampede-hummingbird-floor metrics` (one route answering 5 bytes
#    with the gateway's set-up: handlers on the connection's loop, the services' log handler, the request metrics
#    middleware) and nginx.
# Prints requests, the generator's CPU per request (/usr/bin/time) and the server's (/proc), each run SECONDS long.
#
# Usage: scripts/bench/open-floor.sh [RATE] [SECONDS]    (default 5000 15; RATE a multiple of 100, hey's 100 workers
#        each sending RATE/100 a second)
# Env:   BENCH_SKIP_BUILD=1 reuses the release builds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

rate=${1:-5000}
seconds=${2:-15}
[[ "$rate" =~ ^[0-9]+$ && "$rate" -ge 100 && $((rate % 100)) -eq 0 ]] \
    || { echo "error: RATE must be a multiple of 100 (hey's 100 workers each send RATE/100 a second), not '$rate'" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "error: SECONDS must be a whole number of seconds, not '$seconds'" >&2; exit 2; }
bench_apt nginx-light:nginx hey:hey curl:curl
bench_build
bench_build_products stampede-hummingbird-floor
bench_require_adapter http
hz=$(getconf CLK_TCK)

# row NAME REQUESTS GENERATOR-CPU-FILE SERVER-TICKS: one table row.
row() {
    python3 - "$@" "$hz" <<'PY'
import sys
name, requests, cpu_file, ticks, hz = sys.argv[1], int(sys.argv[2] or 0), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
user, system = (float(x) for x in open(cpu_file).read().split()[-2:])
per = lambda seconds: f"{seconds * 1e6 / requests:,.1f} µs" if requests else "n/a"
print(f"| {name} | {requests:,} | {per(user + system)} | {per(ticks / hz)} |")
PY
}

# stampede_against NAME LOOPS SERVER-PID BASE-URL PATH: `stampede run` at RATE against the server; prints a row.
stampede_against() {
    local name=$1 loops=$2 pid=$3 url=$4 path=$5 scenario="$BENCH_TMP/open.yaml" results="$BENCH_TMP/open.json"
    cat >"$scenario" <<YAML
name: open-floor
seed: 1
duration: ${seconds}s
targets:
  web: { adapter: http, config: { base_url: "$url", pool_size: 8192, timeout: 10s } }
behaviours:
  get:
    states:
      one: { action: web.get, with: { path: "$path" } }
load:
  arrivals: { model: open, arrivals: even, rate: $rate/s, max_in_flight: 50000 }
YAML
    local before after code=0
    rm -f "$results" "$results.cpu"
    before=$(bench_cpu_ticks "$pid")
    bench_stampede $((seconds + 60)) "$results" "$scenario" --event-loops "$loops" || code=$?
    after=$(bench_cpu_ticks "$pid")
    if [[ ! -s "$results" || "$code" == 64 || "$code" == 104 ]]; then
        echo "error: stampede wrote no results (exit $code):" >&2
        tail -20 "$results.log" >&2
        exit 1
    fi
    row "$name" "$(bench_json "$results" 'int(total("requests") - total("errors"))')" "$results.cpu" "$((after - before))"
}

echo "== a bare GET at $rate requests/s (even arrivals), ${seconds}s each"
echo "| generator → server | requests answered | generator CPU per request | server CPU per request |"
echo "|---|---:|---:|---:|"
bench_start_nginx off
worker=$(pgrep -P "$BENCH_NGINX_PID" | head -1)   # the worker serves; the master only supervises
curl -fsS -o /dev/null "$NGINX_URL/hello.txt"
for loops in 1 $( (( $(nproc) > 1 )) && echo 2); do   # two only where there are two cores
    stampede_against "stampede --event-loops $loops → nginx" "$loops" "$worker" "$NGINX_URL" /hello.txt
done
workers=100
before=$(bench_cpu_ticks "$worker")
bench_timed "$BENCH_TMP/hey.cpu" hey -z "${seconds}s" -c "$workers" -q $((rate / workers)) "$NGINX_URL/hello.txt" >"$BENCH_TMP/hey.txt"
after=$(bench_cpu_ticks "$worker")
row "hey -c $workers -q $((rate / workers)) (peer) → nginx" "$(awk '/\[200\]/ { print $2 }' "$BENCH_TMP/hey.txt")" \
    "$BENCH_TMP/hey.cpu" "$((after - before))"
bench_stop_nginx

bench_start_floor metrics
stampede_against "stampede --event-loops 1 → Hummingbird (gateway set-up)" 1 "$FLOOR_PID" "$FLOOR_URL" /hello
bench_stop_floor
