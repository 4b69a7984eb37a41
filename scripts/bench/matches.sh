#!/usr/bin/env bash
# Concurrent matches on the game orchestrator (process backend: one matchmaking-gameserver process per match): starts
# redis-server and matchmaking-orchestrator (release builds), allocates N matches concurrently (curl, 64 at a time),
# waits until all run, and prints the allocation latency, the game servers' total RSS and PSS
# (/proc/PID/smaps_rollup), the orchestrator's RSS and the drop of the machine's MemAvailable; then DELETEs every
# match and checks that no game server is left, and stops the orchestrator (SIGTERM, graceful).
#
# Usage: scripts/bench/matches.sh [N]    (default 100; the issue's goal is 1000 on this 24 GiB machine)
# Env:   BENCH_SKIP_BUILD=1 reuses the release builds; BENCH_KEEP=1 keeps the temp dir; PARALLEL=64 concurrent curls;
#        THREADS=1 NIO threads per game server; TICK_RATE=32.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

count=${1:-100}
parallel=${PARALLEL:-64}
bin="$BENCH_ROOT/.build/release"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    for product in matchmaking-gameserver matchmaking-orchestrator; do
        echo "== swift build -c release --product $product" >&2
        (cd "$BENCH_ROOT" && swift build -c release --product "$product" 2>&1 | grep -E "error|warning: " | tail -5) >&2
    done
fi
for product in matchmaking-gameserver matchmaking-orchestrator; do
    [[ -x "$bin/$product" ]] || { echo "error: no $bin/$product (build it, or drop BENCH_SKIP_BUILD)" >&2; exit 1; }
done

# The orchestrator holds 3 descriptors per game server (pidfd, two pipes) besides its connections.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

redis_port=$(bench_free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$BENCH_TMP" >"$BENCH_TMP/redis.log" 2>&1 &
bench_track $!
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

mem_available() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }
mem_before=$(mem_available)

"$bin/matchmaking-orchestrator" --redis-port "$redis_port" --port 0 --max-servers "$count" --allocation-wait 30 \
    --match-duration 3600 --join-timeout 3600 --tick-rate "${TICK_RATE:-32}" --readiness-timeout 60 \
    --log-level warning >"$BENCH_TMP/orchestrator.out" 2>"$BENCH_TMP/orchestrator.err" &
orchestrator=$!
bench_track "$orchestrator"
for _ in $(seq 100); do grep -q "^listening on" "$BENCH_TMP/orchestrator.out" 2>/dev/null && break; sleep 0.1; done
address=$(sed -n 's/^listening on //p' "$BENCH_TMP/orchestrator.out")
[[ -n "$address" ]] || { echo "error: the orchestrator did not start" >&2; cat "$BENCH_TMP/orchestrator.err" >&2; exit 1; }
echo "== orchestrator on $address; allocating $count matches ($parallel at a time)" >&2

seq -f "bench-%g" "$count" | sed 's/\.0*$//' >"$BENCH_TMP/ids"
start=$(date +%s.%N)
xargs -P "$parallel" -I{} curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST "http://$address/allocations" \
    -H 'Content-Type: application/json' -d '{"matchId":"{}","region":"bench","players":["{}-a","{}-b"]}' \
    <"$BENCH_TMP/ids" >"$BENCH_TMP/allocations"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
created=$(grep -c '^201 ' "$BENCH_TMP/allocations" || true)
running=$(curl -s "http://$address/metrics" | awk '/^game_orchestrator_ongoing_matches / { print int($2) }')
sleep 2  # let the game servers settle (first ticks, lazy allocations)

servers=$(pgrep -P "$orchestrator" || true)
rss=0 pss=0 alive=0
for pid in $servers; do
    read -r r p < <(awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } END { print r + 0, p + 0 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo "0 0")
    rss=$((rss + r)) pss=$((pss + p)) alive=$((alive + 1))
done
orchestrator_rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$orchestrator/status")
mem_after=$(mem_available)
# CPU seconds (utime + stime) of the orchestrator and of the game servers, and what the idle servers burn.
ticks=$(getconf CLK_TCK)
orchestrator_cpu=$(bench_cpu_ticks "$orchestrator")
servers_cpu=$(bench_cpu_ticks $servers)
sleep 3
servers_idle=$(( $(bench_cpu_ticks $servers) - servers_cpu ))

echo
echo "matches requested       $count"
echo "allocated (201)         $created   other: $(grep -vc '^201 ' "$BENCH_TMP/allocations" || true) ($(grep -v '^201 ' "$BENCH_TMP/allocations" | cut -d' ' -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ';'))"
echo "running (metrics)       $running   game server processes: $alive"
printf "allocation wall time    %.2f s   (%.0f allocations/s)\n" "$elapsed" "$(echo "$created / $elapsed" | bc -l)"
grep '^201 ' "$BENCH_TMP/allocations" | cut -d' ' -f2 | sort -n | awk '
    function at(q,   i) { i = int(NR * q) + 1; if (i > NR) i = NR; return 1000 * v[i] }
    { v[NR] = $1; s += $1 }
    END { if (NR > 0) printf "allocation latency      mean %.0f ms  p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms\n",
          1000 * s / NR, at(.5), at(.9), at(.99), at(1) }'
if ((alive > 0)); then
    printf "game servers RSS        %.1f MiB total, %.1f MiB each\n" "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss / 1024 / $alive" | bc -l)"
    printf "game servers PSS        %.1f MiB total, %.1f MiB each\n" "$(echo "$pss / 1024" | bc -l)" "$(echo "$pss / 1024 / $alive" | bc -l)"
fi
printf "orchestrator RSS        %.1f MiB\n" "$(echo "$orchestrator_rss / 1024" | bc -l)"
printf "MemAvailable drop       %.1f MiB (%.1f GiB left of %.1f GiB)\n" "$(echo "($mem_before - $mem_after) / 1024" | bc -l)" \
    "$(echo "$mem_after / 1048576" | bc -l)" "$(awk '/^MemTotal:/ { print $2 / 1048576 }' /proc/meminfo)"
printf "CPU so far              orchestrator %.2f s, game servers %.2f s (%.1f ms each)\n" "$(echo "$orchestrator_cpu / $ticks" | bc -l)" \
    "$(echo "$servers_cpu / $ticks" | bc -l)" "$(echo "1000 * $servers_cpu / $ticks / ($alive + ($alive == 0))" | bc -l)"
printf "idle game servers CPU   %.0f %% of one core (no player connected: a waiting server does not tick; tick rate %s Hz once started)\n" "$(echo "100 * $servers_idle / $ticks / 3" | bc -l)" "${TICK_RATE:-32}"
echo "load average            $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== deleting every match" >&2
start=$(date +%s.%N)
xargs -P "$parallel" -I{} curl -s -o /dev/null -w "%{http_code}\n" -X DELETE "http://$address/matches/{}" \
    <"$BENCH_TMP/ids" >"$BENCH_TMP/deletions"
printf "deletion wall time      %.2f s   (%s answered 200)\n" "$(echo "$(date +%s.%N) - $start" | bc)" "$(grep -c '^200' "$BENCH_TMP/deletions" || true)"
left=$(pgrep -P "$orchestrator" | wc -l || true)
reaped=$(curl -s "http://$address/metrics" | awk '/^orchestrator_game_servers_reaped_total/ { s = s $0 "  " } END { print s }')
echo "game servers left       $left"
echo "reaped                  $reaped"
kill -TERM "$orchestrator"
for _ in $(seq 200); do kill -0 "$orchestrator" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$orchestrator" 2>/dev/null; then echo "error: the orchestrator did not stop within 20 s" >&2; exit 1; fi
((left == 0)) || { echo "error: $left game servers outlived their match" >&2; exit 1; }
echo "orchestrator stopped gracefully; no game server left"
