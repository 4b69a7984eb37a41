#!/usr/bin/env bash
# Open-model accuracy: `stampede run` at RATE arrivals/s (even) for DURATION seconds against nginx (1 worker,
# access log on). Compares the requests counted at the server (lines of the access log) with the planned
# RATE x DURATION (goal: within +-0.5 %), and prints stampede's schedule_lag p99 (goal <= 1 ms).
#
# The reference for the lag: `pacer` (scripts/bench/pacer.c), a C thread that only sleeps until each intended time
# of an even schedule and records how late it woke: the kernel's own wake-up lag, which any generator pays at least.
# It runs alone first (the idle machine, at RATE), then beside stampede (the same moment and contention) at a tenth
# of RATE, so as to sample the machine without adding much to its load (at RATE itself it adds 10,000 thread
# switches a second at 10,000/s, which was seen to push both stampede and the pacer into a backlog).
#
# Usage: scripts/bench/open-accuracy.sh [RATE] [DURATION-SECONDS]    (default 10000 30)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build; BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

rate=${1:-10000}
duration=${2:-30}
max_in_flight=${MAX_IN_FLIGHT:-10000}
bench_apt nginx-light:nginx curl:curl gcc:cc
bench_build
pacer="$BENCH_TMP/pacer"
cc -O2 -o "$pacer" "$(dirname "$0")/pacer.c"
# pacer_summary LINE: "p50 p90 p99 p99.9 max" (ms) as "p99 X ms (p50 Y, max Z)".
pacer_summary() { awk '{printf "%.3f ms (p50 %.3f ms, max %.3f ms)", $3, $1, $5}' <<<"$1"; }
pacer_idle=$("$pacer" "$rate" 5)
bench_require_adapter http
bench_start_nginx on

scenario="$BENCH_TMP/open-accuracy.yaml"
cat >"$scenario" <<EOF
name: bench-open-accuracy
seed: 1
duration: ${duration}s
targets:
  web:
    adapter: http
    config:
      base_url: $NGINX_URL
      pool_size: 256
      keep_alive: true
behaviours:
  fetch:
    states:
      get:
        action: web.get
        with:
          path: /hello.txt
load:
  arrivals:
    model: open
    arrivals: even
    rate: $rate/s
    max_in_flight: $max_in_flight
EOF

planned=$((rate * duration))
echo "== nginx on $NGINX_URL (access log on); open model, $rate/s for ${duration}s = $planned planned requests"
results="$BENCH_TMP/open-accuracy.json"
code=0
"$pacer" $(( rate >= 10 ? rate / 10 : 1 )) "$duration" >"$BENCH_TMP/pacer.txt" &
pacer_pid=$!
bench_track "$pacer_pid"
bench_stampede $((duration + 60)) "$results" "$scenario" --grace 10s || code=$?
wait "$pacer_pid" || true
pacer_beside=$(cat "$BENCH_TMP/pacer.txt")
bench_stop_nginx
if [[ ! -s "$results" ]]; then
    echo "error: stampede run failed (exit $code) without results:" >&2
    tail -20 "$results.log" >&2
    exit 1
fi

served=$(grep -c 'GET /hello.txt' "$BENCH_TMP/nginx/access.log" || true)
not_200=$(awk '$9 != 200' "$BENCH_TMP/nginx/access.log" | wc -l)
requests=$(bench_json "$results" 'int(total("requests"))')
started=$(bench_json "$results" 'sum(l["started"] for l in d["loads"])')
dropped=$(bench_json "$results" 'sum(l["dropped"] for l in d["loads"])')
errors=$(bench_json "$results" 'int(sum(m["values"].get("count", 0) for m in series("errors")))')
elapsed=$(bench_json "$results" '"%.3f" % d["elapsed"]')
lag=$(bench_json "$results" 'max(m["values"].get("p99", 0) for m in series("schedule_lag"))')
lag_ms=$(python3 -c "print(f'{$lag * 1000:.3f}')")
lag_max_ms=$(bench_json "$results" '"%.3f" % (max(m["values"].get("max", 0) for m in series("schedule_lag")) * 1000)')
latency_p99_ms=$(bench_json "$results" '"%.3f" % (max(m["values"].get("p99", 0) for m in series("latency")) * 1000)')
diff=$(python3 -c "print(f'{($served - $planned) / $planned * 100:+.3f}')")

echo
echo "| open model, $rate/s for $duration s, nginx 1 worker + access log | value |"
echo "|---|---:|"
echo "| planned requests | $planned |"
echo "| counted at the server (access log lines) | $served |"
echo "| difference | $diff % |"
echo "| stampede: runs started / dropped / requests / errors | $started / $dropped / $requests / $errors |"
echo "| stampede: schedule_lag p99 (max) | $lag_ms ms ($lag_max_ms ms) |"
echo "| stampede: latency p99 (from intended start) | $latency_p99_ms ms |"
echo "| pacer beside stampede (at a tenth of the rate): wake-up lag p99 | $(pacer_summary "$pacer_beside") |"
echo "| pacer alone, 5 s before: wake-up lag p99 | $(pacer_summary "$pacer_idle") |"
echo
echo "stampede exit $code, elapsed $elapsed s; access-log lines with a status other than 200: $not_200"
echo "goals: |difference| <= 0.5 % -> $diff %; schedule_lag p99 <= 1 ms -> $lag_ms ms"
