#!/usr/bin/env bash
# 100,000 players online acting at the original harness's per-player rates (queue once per 300 s, store once per
# 2,700 s, logout once per 1,800 s), on the offline `null` adapter: does the engine keep up? Prints the planned vs
# started activities, dropped ones, schedule lag percentiles and peak RSS. Usage: scripts/bench/population-100k.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps
[[ -x "$STAMPEDE" ]] || (cd "$BENCH_ROOT" && swift build -c release --product stampede >/dev/null)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cat > "$BENCH_TMP/population.yaml" <<'YAML'
name: population-100k
seed: 7
duration: 3m
targets:
  game: { adapter: "null", config: { delay: { lognormal: { median: 20ms, sigma: 0.5, max: 2s } } } }
behaviours:
  player:
    start: login
    activities:
      queue: { every: 300s, start: join_queue }
      store: { every: 2700s, start: fetch_store }
      logout: { every: 1800s, start: logout }
    states:
      login: { action: game.ok }
      join_queue: { action: game.ok, next: play }
      play: { action: game.ok, with: { delay: 2s } }
      fetch_store: { action: game.ok, next: { purchase: 0.1, end: 0.9 } }
      purchase: { action: game.ok }
      logout: { action: game.ok, next: login_again }
      login_again: { action: game.ok }
load:
  evening:
    model: population
    players: [{ ramp: { from: 0, to: 100000, over: 60s } }, { hold: { value: 100000 } }]
YAML

"$STAMPEDE" plan "$BENCH_TMP/population.yaml" | sed -n '1,8p'
/usr/bin/time -v "$STAMPEDE" run --quiet --out "json=$BENCH_TMP/results.json" "$BENCH_TMP/population.yaml" \
    > "$BENCH_TMP/summary.txt" 2> "$BENCH_TMP/time.txt" || true
sed -n '/^Loads/,/^Result/p' "$BENCH_TMP/summary.txt"
python3 - "$BENCH_TMP/results.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
lag = [m for m in doc["metrics"] if m["name"] == "schedule_lag"]
for m in lag:
    v = m["values"]
    print(f"schedule_lag: p50 {v['med']*1000:.2f} ms, p99 {v['p99']*1000:.2f} ms, max {v['max']*1000:.1f} ms over {v['count']:,} tasks")
for load in doc["loads"]:
    print(f"load {load['name']}: planned {load['planned']:,}, started {load['started']:,}, dropped {load['dropped']:,}")
PY
grep -E "Maximum resident set size|Elapsed \(wall|Percent of CPU" "$BENCH_TMP/time.txt"
