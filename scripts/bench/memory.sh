#!/usr/bin/env bash
# Memory of idle players: `stampede run` on the `null` adapter, population model, players ramping 0 -> PLAYERS
# over RAMP seconds then holding HOLD seconds; each runs a null `ok` when it comes online, then one activity every
# 10000 s (so they stay idle). Prints the peak RSS (/usr/bin/time -v) against the 2 GiB goal and players_online max.
#
# Usage: scripts/bench/memory.sh [PLAYERS] [RAMP-SECONDS] [HOLD-SECONDS]    (default 1000000 20 10)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build; BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

players=${1:-1000000}
ramp=${2:-20}
hold=${3:-10}
duration=$((ramp + hold))
[[ -x /usr/bin/time ]] || { bench_as_root apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive bench_as_root apt-get install -y -qq time >/dev/null; }
bench_build

scenario="$BENCH_TMP/memory.yaml"
cat >"$scenario" <<EOF
name: bench-memory
seed: 1
duration: ${duration}s
targets:
  idle:
    adapter: "null"
behaviours:
  idler:
    start: hello
    activities:
      nudge:
        every: 10000s
        start: hello
    states:
      hello:
        action: idle.ok
load:
  online:
    model: population
    players:
      - ramp: { from: 0, to: $players, over: ${ramp}s }
      - hold: { value: $players }
EOF

echo "== null adapter, population 0 -> $players players over ${ramp}s, then ${hold}s hold"
results="$BENCH_TMP/memory.json"
timing="$BENCH_TMP/time.txt"
code=0
timeout --signal=INT --kill-after=10 $((duration + 120)) /usr/bin/time -v -o "$timing" \
    "$STAMPEDE" run --quiet --grace 10s --out "json=$results" "$scenario" >"$results.log" 2>&1 &
bench_track $!
wait $! || code=$?
if [[ ! -s "$results" ]]; then
    echo "error: stampede run failed (exit $code) without results:" >&2
    tail -20 "$results.log" "$timing" >&2
    exit 1
fi

rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$timing")
cpu_user=$(awk -F': ' '/User time/ {print $2}' "$timing")
cpu_sys=$(awk -F': ' '/System time/ {print $2}' "$timing")
online_max=$(bench_json "$results" 'int(max((m["values"].get("max", 0) for m in series("players_online")), default=0))')
started=$(bench_json "$results" 'sum(l["started"] for l in d["loads"])')
dropped=$(bench_json "$results" 'sum(l["dropped"] for l in d["loads"])')
requests=$(bench_json "$results" 'int(total("requests"))')
read -r rss_mib per_player goal_share < <(python3 -c "
kib = $rss_kib
print(f'{kib / 1024:.0f}', f'{kib * 1024 / max($online_max, 1):.0f}', f'{kib / (2 * 1024 * 1024) * 100:.0f}')")

echo
echo "| population of idle players on null | value |"
echo "|---|---:|"
echo "| players_online max (results JSON) | $online_max |"
echo "| peak RSS (/usr/bin/time -v) | $rss_mib MiB |"
echo "| per online player | $per_player bytes |"
echo "| share of the 2 GiB goal | $goal_share % |"
echo "| tasks started / dropped, requests | $started / $dropped, $requests |"
echo "| wall / user / system time | $wall / ${cpu_user} s / ${cpu_sys} s |"
echo
echo "stampede exit $code; goal: peak RSS <= 2048 MiB with $players players -> $rss_mib MiB"
