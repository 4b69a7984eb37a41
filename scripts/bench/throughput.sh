#!/usr/bin/env bash
# Closed-loop maximum throughput at equal connections against nginx (1 worker, no access log, a small static
# file on 127.0.0.1): `stampede run` (N players looping http.get, no think, pool_size N) vs wrk -t2 -cN vs locust
# FastHttpUser (1 process, then --processes 2), DURATION seconds each, one after the other.
# Prints req/s, p99 latency, the generator's CPU time per request (user + system) and the ratios stampede/wrk
# (goal >= 0.7) and stampede/locust (goal >= 5).
#
# A fourth peer is the floor of SwiftNIO's HTTP/1.1 codec (which the `http` adapter uses): stampede-nio-floor
# (Benchmarks/NIOFloor), a bare channel handler sending the next request when a response ends, with no tasks,
# engine or measurement — what any generator on that codec could reach at best.
#
# Usage: scripts/bench/throughput.sh [CONNECTIONS] [DURATION-SECONDS]    (default 64 10)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build; BENCH_KEEP=1 keeps the temp dir; NO_LOCUST=1 skips locust.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

connections=${1:-64}
duration=${2:-10}
bench_apt nginx-light:nginx wrk:wrk curl:curl
locust=
[[ "${NO_LOCUST:-0}" == 1 ]] || locust=$(bench_locust)
bench_build
NIO_FLOOR="$BENCH_ROOT/.build/release/stampede-nio-floor"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -x "$NIO_FLOOR" ]]; then
    (cd "$BENCH_ROOT" && swift build -c release --product stampede-nio-floor 2>&1 | grep -E "error|warning: |Build complete" | tail -3) >&2
fi
bench_require_adapter http
bench_start_nginx off

scenario="$BENCH_TMP/throughput.yaml"
bench_closed_http_scenario "$scenario" "$connections" "$duration"

echo "== nginx on $NGINX_URL; $connections connections, ${duration}s each"

echo "-- stampede run"
results="$BENCH_TMP/throughput.json"
bench_stampede $((duration + 60)) "$results" "$scenario" --grace 5s || {
    echo "error: stampede run failed (exit $?):" >&2
    tail -20 "$results.log" >&2
    exit 1
}
st_requests=$(bench_json "$results" 'int(total("requests"))')
st_elapsed=$(bench_json "$results" 'd["elapsed"]')
st_errors=$(bench_json "$results" 'int(sum(m["values"].get("count", 0) for m in series("errors")))')
st_rps=$(python3 -c "print(round($st_requests / $st_elapsed))")
st_p99=$(bench_json "$results" '"%.2f ms" % (max(m["values"].get("p99", 0) for m in series("latency")) * 1000)')
st_cpu=$(bench_cpu_us "$results.cpu" "$st_requests")

echo "-- wrk -t2 -c$connections -d${duration}s"
wrk_out="$BENCH_TMP/wrk.txt"
bench_timed "$wrk_out.cpu" timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency "$NGINX_URL/hello.txt" >"$wrk_out" &
bench_track $!
wait $!
wrk_rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$wrk_out")
wrk_p99=$(awk '$1 == "99%" {print $2}' "$wrk_out")
wrk_cpu=$(bench_cpu_us "$wrk_out.cpu" "$(awk '/requests in/ {print $1}' "$wrk_out")")

# run_locust PROCESSES: runs headless locust (FastHttpUser, no wait); writes "req/s p99 requests" to
# BENCH_TMP/locust-N.result and its CPU time to BENCH_TMP/locust-N.cpu.
run_locust() {
    local processes=$1 prefix="$BENCH_TMP/locust-$1" extra=()
    ((processes > 1)) && extra=(--processes "$processes")
    cat >"$BENCH_TMP/locustfile.py" <<'EOF'
from locust import FastHttpUser, constant, task

class Fetch(FastHttpUser):
    wait_time = constant(0)

    @task
    def get(self):
        self.client.get("/hello.txt")
EOF
    bench_timed "$prefix.cpu" timeout --kill-after=10 $((duration + 60)) "$locust" -f "$BENCH_TMP/locustfile.py" --headless \
        -u "$connections" -r "$connections" -t "${duration}s" --host "$NGINX_URL" --csv "$prefix" --only-summary \
        --loglevel WARNING "${extra[@]}" >"$prefix.log" 2>&1 &
    bench_track $!
    wait $! || true
    python3 - "$prefix"_stats.csv >"$prefix.result" <<'EOF'
import csv, sys
try:
    rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["Name"] == "Aggregated"]
    print(round(float(rows[0]["Requests/s"])), rows[0]["99%"] + "ms", rows[0]["Request Count"])
except (OSError, IndexError, KeyError, ValueError):
    print("0 n/a 0")
EOF
}

echo "-- stampede-nio-floor: SwiftNIO's HTTP/1.1 codec alone, $connections connections, ${duration}s"
floor_out="$BENCH_TMP/nio-floor.txt"
bench_timed "$floor_out.cpu" timeout $((duration + 30)) "$NIO_FLOOR" "${NGINX_URL##*:}" "$connections" "$duration" >"$floor_out" &
bench_track $!
wait $! || true
if ! grep -q '^requests' "$floor_out"; then
    echo "error: stampede-nio-floor printed no result:" >&2
    cat "$floor_out" >&2
    exit 1
fi
floor_n=$(awk '/^requests/ {print $2}' "$floor_out")
floor_rps=$(awk '/^requests/ {printf "%d", $2 / $4}' "$floor_out")
floor_cpu=$(bench_cpu_us "$floor_out.cpu" "$floor_n")

lc1_rps=0 lc2_rps=0 lc1_p99=n/a lc2_p99=n/a lc1_n=0 lc2_n=0
if [[ -n "$locust" ]]; then
    echo "-- locust FastHttpUser, 1 process"
    run_locust 1
    read -r lc1_rps lc1_p99 lc1_n <"$BENCH_TMP/locust-1.result"
    echo "-- locust FastHttpUser, --processes 2"
    run_locust 2
    read -r lc2_rps lc2_p99 lc2_n <"$BENCH_TMP/locust-2.result"
fi
bench_stop_nginx

echo
echo "| generator ($connections connections, ${duration} s, nginx 1 worker) | req/s | p99 latency | generator CPU per request | stampede / it |"
echo "|---|---:|---:|---:|---:|"
echo "| stampede run (closed, $connections players, pool_size $connections) | $st_rps | $st_p99 | $st_cpu µs | 1.00 |"
echo "| wrk -t2 -c$connections | $wrk_rps | $wrk_p99 | $wrk_cpu µs | $(bench_ratio "$st_rps" "$wrk_rps") |"
echo "| stampede-nio-floor (SwiftNIO's codec in a bare channel handler) | $floor_rps | n/a | $floor_cpu µs | $(bench_ratio "$st_rps" "$floor_rps") |"
if [[ -n "$locust" ]]; then
    echo "| locust FastHttpUser, 1 process, $connections users | $lc1_rps | $lc1_p99 | $(bench_cpu_us "$BENCH_TMP/locust-1.cpu" "$lc1_n") µs | $(bench_ratio "$st_rps" "$lc1_rps") |"
    echo "| locust FastHttpUser, --processes 2, $connections users | $lc2_rps | $lc2_p99 | $(bench_cpu_us "$BENCH_TMP/locust-2.cpu" "$lc2_n") µs | $(bench_ratio "$st_rps" "$lc2_rps") |"
fi
echo
echo "stampede: $st_requests requests in ${st_elapsed} s, $st_errors errors"
echo "the SwiftNIO floor reaches $(bench_ratio "$floor_rps" "$wrk_rps") x wrk in this run"
echo "goals: stampede/wrk >= 0.7 -> $(bench_ratio "$st_rps" "$wrk_rps"); stampede/locust (best) >= 5 -> $(bench_ratio "$st_rps" "$(( lc1_rps > lc2_rps ? lc1_rps : lc2_rps ))")"
