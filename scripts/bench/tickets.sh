#!/usr/bin/env bash
# Tickets matched per second, end to end: `stampede run` (open model, RATE new players a second, each joining the
# queue on the `matchmaking` adapter and waiting for its match through the gateway's long-polled status) against
# the reference target started by targets/matchmaking/local.sh (release build, redis-server, gateway, matchmaker),
# all on this machine's 2 cores. Prints tickets joined / matched per second, time to match, duplicate
# assignments and lost tickets (from the results JSON), and the matchmaker's own counters (/metrics).
#
# Usage: scripts/bench/tickets.sh [RATE] [DURATION-SECONDS] [WORKERS]    (default 5000 30 2)
# Env:   BENCH_SKIP_BUILD=1 reuses the release builds; BENCH_KEEP=1 keeps the temp dir; MODE=skill for skill-based.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rate=${1:-5000}
duration=${2:-30}
workers=${3:-2}
mode=${MODE:-fifo}
export STAMPEDE_TARGET_DIR="$BENCH_TMP/target"
target="$BENCH_ROOT/targets/matchmaking/local.sh"

stop_target() { "$target" down >/dev/null 2>&1 || true; }
trap 'stop_target; bench_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    echo "== swift build -c release (target executables)" >&2
    (cd "$BENCH_ROOT" && swift build -c release --product matchmaking-gateway 2>&1 | grep -E "error|warning: " | tail -5) >&2
    (cd "$BENCH_ROOT" && swift build -c release --product matchmaking-matchmaker 2>&1 | grep -E "error|warning: " | tail -5) >&2
fi
bench_require_adapter matchmaking
# Matchmaking alone, as the issue measures it: no orchestrator, so a match is recorded rather than given a game server
# process (the orchestrator starts about 28 a second here, which would bound this at about 280 tickets a second).
"$target" up --bin "$BENCH_ROOT/.build/release" --workers "$workers" --mode "$mode" --no-orchestrator >"$BENCH_TMP/target.env"
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

echo "== $mode matchmaking, $workers workers; $rate new tickets/s for ${duration}s = $((rate * duration)) planned"
results="$BENCH_TMP/tickets.json"
code=0
bench_stampede $((duration + 120)) "$results" "$scenario" --grace 40s || code=$?
[[ -s "$results" ]] || { echo "error: stampede wrote no results (exit $code):" >&2; tail -20 "$results.log" >&2; exit 1; }

python3 - "$results" "$duration" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); duration = float(sys.argv[2])
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
PY
echo "stampede exit $code (0 = thresholds passed)"
if command -v curl >/dev/null; then
    echo "-- the target's own counters (/metrics of the gateway, then of the matchmaker)"
    curl -s "$GATEWAY_URL/metrics" | grep -E '^matchmaking_tickets_created_total' || true
    curl -s "$MATCHMAKER_METRICS_URL" | grep -E '^matchmaking_(tickets_matched_total|matches_created_total|allocation_failures_total)' || true
fi
exit "$code"
