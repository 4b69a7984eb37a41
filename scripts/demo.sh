#!/usr/bin/env bash
# `make demo`: the whole reference target on this machine under one minute of load with a thundering herd.
#
# Starts a real redis-server, the game orchestrator (a game server process per match), the matchmaker and the
# gateway on 127.0.0.1 (targets/matchmaking/local.sh), and Prometheus scraping them when it is installed; runs
# scenarios/evening-herd.yaml; prints the run's summary; stops everything, leaving no process behind, whatever
# happens (Ctrl-C included). Exits with stampede's exit code (0 pass, 99 thresholds failed, …).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export STAMPEDE_TARGET_DIR="$root/.build/demo-target"
export STAMPEDE_PROMETHEUS_DIR="$root/.build/demo-prometheus"
local_sh=targets/matchmaking/local.sh
prometheus_sh=targets/matchmaking/deploy/prometheus-local.sh
bin=$(swift build -c release --show-bin-path)
scenario=scenarios/evening-herd.yaml

# The demo's own processes: its services (local.sh's pid files) and its orchestrator's game servers (started with
# --parent-pid ORCHESTRATOR). Only these are checked and, if still there after `down`, killed: other
# matchmaking-* processes on the machine (a `local.sh up` of the user's, a benchmark) are left alone.
own_pids() {
    local file
    for file in "$STAMPEDE_TARGET_DIR"/*.pid; do [[ -f "$file" ]] && cat "$file"; done
    [[ -f "$STAMPEDE_TARGET_DIR/orchestrator.pid" ]] \
        && pgrep -f -- "--parent-pid $(cat "$STAMPEDE_TARGET_DIR/orchestrator.pid")( |$)" || true
}

stop_all() {
    local own left="" pid
    own=$(own_pids)
    [[ -x "$prometheus_sh" ]] && "$prometheus_sh" stop >/dev/null 2>&1
    "$local_sh" down >/dev/null 2>&1
    # Nothing of the demo may outlive it: report (and end) whatever is left.
    for pid in $own; do kill -0 "$pid" 2>/dev/null && left+=" $pid"; done
    if [[ -n "$left" ]]; then
        echo "demo: processes left behind, killing them: $left" >&2
        kill -KILL $left 2>/dev/null || true
    fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "── starting the reference target (redis, orchestrator, matchmaker, gateway) ──"
env_lines=$("$local_sh" up --bin "$bin" --match-duration 15 --tick-rate 5) || exit 1
echo "$env_lines"
while IFS='=' read -r key value; do
    [[ -n "$key" ]] && export "$key=$value"
done <<<"$env_lines"

if [[ -x "$prometheus_sh" ]] && command -v prometheus >/dev/null 2>&1; then
    if prometheus_lines=$("$prometheus_sh" start 2>/dev/null); then
        echo "$prometheus_lines"
        echo "   While the run goes on, open Prometheus (the URL above; from another machine: ssh -L) and try:"
        echo "     game_orchestrator_ongoing_matches"
        echo "     max by (region) (matchmaking_queue_size{job=\"matchmaker\"})"
        echo "     histogram_quantile(0.99, sum by (le) (rate(orchestrator_allocation_latency_seconds_bucket[30s])))"
        echo "   (more in targets/matchmaking/deploy/README.md)"
    fi
fi

echo
echo "── running $scenario: 150 players online, a herd of 300 more at 30 s, every match played ──"
"$bin/stampede" run "$scenario"
code=$?
echo
echo "── orchestrator at the end ──"
curl -s "$ORCHESTRATOR_URL/metrics" 2>/dev/null | grep -E '^(game_orchestrator_ongoing_matches|orchestrator_game_servers|orchestrator_game_servers_reaped_total|orchestrator_allocation_failures_total)' || true
exit $code
