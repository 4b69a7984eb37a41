#!/usr/bin/env bash
# Tickets matched per second, end to end: `stampede run` (open model, RATE new players a second, each joining the
# queue on the `matchmaking` adapter and waiting for its match through the gateway's long-polled status) against
# the reference target started by targets/matchmaking/local.sh (release build, redis-server, gateway, matchmaker),
# all on this machine's 2 cores. Prints tickets joined / matched per second, time to match, duplicate
# assignments and lost tickets (from the results JSON), the CPU each process spent per matched ticket (from /proc and
# /usr/bin/time), and the matchmaker's own counters (/metrics).
#
# Usage: scripts/bench/tickets.sh [RATE] [DURATION-SECONDS] [WORKERS]    (default 5000 30 2)
# Env:   BENCH_SKIP_BUILD=1 reuses the release builds; BENCH_KEEP=1 keeps the temp dir; MODE=skill for skill-based;
#        TARGET_BIN=DIR runs the target executables of DIR (A/B comparisons of two builds);
#        PROFILE=1 records `perf record -a` through the middle half of the run and prints each process's share of the
#        samples, busiest libraries and symbols (PROFILE_TOP=N of them, default 15); REDIS_CONFIG="name value ..." sets
#        redis-server options (CONFIG SET) before the run, for experiments; LOOPS=N runs the generator's players on N
#        event loops (`stampede run --event-loops N`, default 1: the generator shares the 2 cores with the target, and
#        one loop costs it 7-14 % less CPU per ticket than two at these rates; see BENCHMARKS.md); THREADS=N gives each
#        service N event-loop threads (`local.sh up --threads N`, default 1).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rate=${1:-5000}
duration=${2:-30}
workers=${3:-2}
mode=${MODE:-fifo}
loops=${LOOPS:-1}
export STAMPEDE_TARGET_DIR="$BENCH_TMP/target"
target="$BENCH_ROOT/targets/matchmaking/local.sh"

stop_target() { "$target" down >/dev/null 2>&1 || true; }
trap 'stop_target; bench_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build
bench_build_products matchmaking-gateway matchmaking-matchmaker
bench_require_adapter matchmaking
# Matchmaking alone, as the issue measures it: no orchestrator, so a match is recorded rather than given a game server
# process (the orchestrator starts about 28 a second here, which would bound this at about 280 tickets a second).
"$target" up --bin "${TARGET_BIN:-$BENCH_ROOT/.build/release}" --workers "$workers" --mode "$mode" --threads "${THREADS:-1}" --no-orchestrator >"$BENCH_TMP/target.env"
# shellcheck disable=SC1091
source "$BENCH_TMP/target.env"

scenario="$BENCH_TMP/tickets.yaml"
cat >"$scenario" <<YAML
name: bench-tickets
seed: 1
duration: ${duration}s
targets:
  game:
    adapter: matchmaking
    config: { base_url: "$GATEWAY_URL", pool_size: 8192, timeout: 10s }   # a connection per waiting player, as real clients have
behaviours:
  queue:
    states:
      join: { action: game.join_queue, with: { timeout: 30s } }
load:
  tickets:
    model: open
    arrivals: even
    rate: $rate/s
    max_in_flight: 50000
thresholds:
  duplicate_assignments: [count == 0]
  lost_tickets: [count == 0]
YAML

echo "== $mode matchmaking, $workers workers; $rate new tickets/s for ${duration}s = $((rate * duration)) planned; generator on $loops event loop(s)"
results="$BENCH_TMP/tickets.json"
command -v redis-cli >/dev/null && redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT >/dev/null
[[ -z "${REDIS_CONFIG:-}" ]] || redis-cli -p "$REDIS_PORT" CONFIG SET ${REDIS_CONFIG} >/dev/null
declare -A cpu_before
for name in gateway matchmaker redis; do cpu_before[$name]=$(bench_cpu_ticks "$(cat "$STAMPEDE_TARGET_DIR/$name.pid")"); done
profiler=
if [[ "${PROFILE:-0}" == 1 ]]; then
    command -v perf >/dev/null || { echo "error: PROFILE=1 needs perf (apt-get install linux-perf)" >&2; exit 1; }
    (sleep $((duration / 4)); pgrep -n -f "$STAMPEDE run" >"$BENCH_TMP/generator.pid" || true
     exec perf record -F 499 -a -g -o "$BENCH_TMP/perf.data" -- sleep $((duration / 2))) >/dev/null 2>&1 &
    profiler=$!
    bench_track "$profiler"
fi
code=0
bench_stampede $((duration + 120)) "$results" "$scenario" --grace 40s --event-loops "$loops" || code=$?
[[ -z "$profiler" ]] || wait "$profiler" || true
[[ -s "$results" ]] || { echo "error: stampede wrote no results (exit $code):" >&2; tail -20 "$results.log" >&2; exit 1; }

cpu_spent=()
for name in gateway matchmaker redis; do
    ticks=$(( $(bench_cpu_ticks "$(cat "$STAMPEDE_TARGET_DIR/$name.pid")") - cpu_before[$name] ))
    cpu_spent+=("$name=$(python3 -c 'import sys; print(int(sys.argv[1]) / int(sys.argv[2]))' "$ticks" "$(getconf CLK_TCK)")")
done
read -r user system <"$results.cpu" || true
cpu_spent+=("generator=$(python3 -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' "${user:-0}" "${system:-0}")")

python3 - "$results" "$duration" "${cpu_spent[@]}" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); duration = float(sys.argv[2])
cpu = {k: float(v) for k, v in (a.split("=") for a in sys.argv[3:])}
def series(name): return [m for m in d["metrics"] if m["name"] == name]
def count(name, **tags):
    return sum(m["values"].get("count", 0) for m in series(name) if all(m["tags"].get(k) == v for k, v in tags.items()))
joined = count("tickets_joined")
matched = count("tickets_resolved", ticket_status="matched")
other = {s: count("tickets_resolved", ticket_status=s) for s in ("cancelled", "timed_out", "lost")}
ttm = series("time_to_match")
values = ttm[0]["values"] if ttm else {}
errors = sum(m["values"].get("count", 0) for m in series("errors"))
print("| figure | value |")
print("|---|---:|")
print(f"| tickets joined | {joined:,.0f} ({joined / duration:,.0f}/s) |")
print(f"| tickets matched | {matched:,.0f}: **{matched / d['elapsed']:,.0f}/s** over the {d['elapsed']:.1f} s the run took (grace period included) |")
print(f"| tickets cancelled / timed out / unknown | {other['cancelled']:,.0f} / {other['timed_out']:,.0f} / {other['lost']:,.0f} |")
print(f"| time to match p50 / p99 / max | {values.get('med', 0)*1000:.1f} ms / {values.get('p99', 0)*1000:.1f} ms / {values.get('max', 0)*1000:.1f} ms |")
print(f"| duplicate_assignments / lost_tickets | {count('duplicate_assignments'):.0f} / {count('lost_tickets'):.0f} |")
print(f"| failed actions | {errors:,.0f} |")
if matched:
    per = {k: v * 1e6 / matched for k, v in cpu.items()}
    parts = ", ".join(f"{k} {v:,.0f}" for k, v in per.items())
    print(f"| CPU per matched ticket | **{sum(per.values()):,.0f} µs** ({parts}) |")
PY
echo "stampede exit $code (0 = thresholds passed)"
if command -v redis-cli >/dev/null; then
    echo "-- redis-server's busiest commands during the run (INFO commandstats: calls, µs per call, µs per matched ticket)"
    redis-cli -p "$REDIS_PORT" INFO commandstats | python3 -c '
import re, sys
matched = float(sys.argv[1]) or 1
rows = []
for line in sys.stdin:
    m = re.match(r"cmdstat_(\S+):calls=(\d+),usec=(\d+),usec_per_call=([\d.]+)", line)
    if m: rows.append((int(m.group(3)), m.group(1), int(m.group(2)), float(m.group(4))))
for usec, name, calls, per in sorted(rows, reverse=True)[:8]:
    print(f"   {name:<12} {calls:>9,} calls {per:>7.1f} µs/call {usec / matched:>6.1f} µs/ticket")
' "$(bench_json "$results" 'sum(m["values"].get("count", 0) for m in series("tickets_resolved") if m["tags"].get("ticket_status") == "matched")')"
fi
if command -v curl >/dev/null; then
    echo "-- the target's own counters (/metrics of the gateway, then of the matchmaker)"
    curl -s "$GATEWAY_URL/metrics" | grep -E '^matchmaking_tickets_created_total' || true
    curl -s "$MATCHMAKER_METRICS_URL" | grep -E '^matchmaking_(tickets_matched_total|matches_created_total|allocation_failures_total)' || true
fi
if [[ -n "$profiler" && -s "$BENCH_TMP/perf.data" ]]; then
    echo "-- perf (${duration}s run, middle half): each process's share of all samples (2 cores = 100 %), its busiest libraries and symbols (self time)"
    pids=()
    for name in gateway matchmaker redis; do pids+=("$name=$(cat "$STAMPEDE_TARGET_DIR/$name.pid")"); done
    pids+=("generator=$(cat "$BENCH_TMP/generator.pid" 2>/dev/null || echo 0)")
    perf script -i "$BENCH_TMP/perf.data" -G -F pid,ip,sym,dso 2>/dev/null | python3 -c '
import collections, re, sys
names = {int(p): n for n, p in (a.split("=") for a in sys.argv[2:]) if p.isdigit()}
top = int(sys.argv[1])
total, per, dsos, syms = 0, collections.Counter(), collections.defaultdict(collections.Counter), collections.defaultdict(collections.Counter)
for line in sys.stdin:
    m = re.match(r"\s*(\d+)\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$", line)
    if not m: continue
    total += 1
    pid = int(m.group(1))
    if pid not in names: continue
    per[pid] += 1
    dsos[pid][m.group(3).rsplit("/", 1)[-1]] += 1
    syms[pid][m.group(2)] += 1
for pid, name in names.items():
    if not per[pid]: continue
    print(f"== {name}: {100 * per[pid] / max(total, 1):.1f} % of all samples")
    print("   " + ", ".join(f"{d} {100 * c / per[pid]:.0f} %" for d, c in dsos[pid].most_common(6)))
    for sym, c in syms[pid].most_common(top):
        print(f"   {100 * c / per[pid]:5.1f} %  {sym[:160]}")
' "${PROFILE_TOP:-15}" "${pids[@]}" | bench_demangle
fi
exit "$code"
