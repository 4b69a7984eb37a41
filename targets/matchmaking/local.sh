#!/usr/bin/env bash
# The matchmaking reference target on this machine: a real redis-server, the game orchestrator (which starts a game
# server process per match), the matchmaker and the gateway, all on 127.0.0.1 (free ports unless given), started in
# the background and stopped cleanly.
#
# Usage:
#   targets/matchmaking/local.sh up [OPTIONS]   starts everything; prints GATEWAY_URL=… (and the other addresses)
#   targets/matchmaking/local.sh down           stops everything it started (redis last), removes its state
#   targets/matchmaking/local.sh status         says what runs where
#
# Options of `up`:
#   --bin DIR              where the executables are (default: builds them with `swift build` and uses its bin path)
#   --release              build and use the release configuration
#   --gateway-port N       (default: a free port)      --matchmaker-port N   (default: a free port)
#   --workers N            matchmaker workers (default 2)
#   --mode fifo|skill      matchmaking mode (default fifo)
#   --threads N            event-loop threads per service (default 1: the load generator shares the machine)
#   --max-servers N        game servers running at once, at most (default 1000); beyond it allocations wait, then
#                          fail back to the queue
#   --match-duration S     seconds a match lasts (default 30)     --tick-rate HZ   game state broadcasts (default 32)
#   --cpus-redis LIST, --cpus-gateway LIST, --cpus-matchmaker LIST, --cpus-orchestrator LIST
#                          pin a service to CPUs (taskset -c LIST, e.g. 0 or 0-1), as a deployment's CPU limits
#                          would; game servers inherit the orchestrator's CPUs
#   --require-token        the gateway refuses requests without a session token (default: accepts the original
#                          unauthenticated client)
#   --no-orchestrator      no orchestrator and no game servers: the matchmaker only records each match (with a made-up
#                          server address), as in part 1 of the target; for measuring matchmaking alone
#                          (scripts/bench/tickets.sh), which game-server start-ups would otherwise bound
# Env: STAMPEDE_TARGET_DIR — where state and logs go (default .build/matchmaking-target).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${STAMPEDE_TARGET_DIR:-$root/.build/matchmaking-target}

die() { echo "local.sh: $*" >&2; exit 1; }

source "$here/processes.sh"

# wait_listening LOG NAME PID: waits (up to 30 s) for a "listening on HOST:PORT" line; prints the port.
wait_listening() {
    local log=$1 name=$2 pid=$3
    for _ in $(seq 1 300); do
        if grep -q "listening on " "$log" 2>/dev/null; then
            sed -n 's/.*listening on [^:]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -1
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "$name exited during start-up (log: $log)"; }
        sleep 0.1
    done
    die "$name did not start listening within 30 s (log: $log)"
}

down() {
    stop_pid "$state/gateway.pid" gateway
    stop_pid "$state/matchmaker.pid" matchmaker
    stop_pid "$state/orchestrator.pid" orchestrator   # terminates and reaps its game servers first
    if [[ -f "$state/redis.pid" ]]; then
        redis-cli -p "$(cat "$state/redis.port")" shutdown nosave >/dev/null 2>&1 || true
        stop_pid "$state/redis.pid" redis-server
    fi
    rm -rf "$state"
}

up() {
    local bin="" configuration=debug gateway_port=0 matchmaker_port=0 workers=2 mode=fifo threads=1 token=--allow-anonymous
    local max_servers=1000 match_duration=30 tick_rate=32 orchestrator=yes
    local pin_redis=() pin_gateway=() pin_matchmaker=() pin_orchestrator=()
    while [[ $# -gt 0 ]]; do
        case $1 in
            --bin) bin=$2; shift 2 ;;
            --release) configuration=release; shift ;;
            --gateway-port) gateway_port=$2; shift 2 ;;
            --matchmaker-port) matchmaker_port=$2; shift 2 ;;
            --workers) workers=$2; shift 2 ;;
            --mode) mode=$2; shift 2 ;;
            --threads) threads=$2; shift 2 ;;
            --require-token) token=--require-token; shift ;;
            --no-orchestrator) orchestrator=no; shift ;;
            --max-servers) max_servers=$2; shift 2 ;;
            --match-duration) match_duration=$2; shift 2 ;;
            --tick-rate) tick_rate=$2; shift 2 ;;
            --cpus-redis) pin_redis=(taskset -c "$2"); shift 2 ;;
            --cpus-gateway) pin_gateway=(taskset -c "$2"); shift 2 ;;
            --cpus-matchmaker) pin_matchmaker=(taskset -c "$2"); shift 2 ;;
            --cpus-orchestrator) pin_orchestrator=(taskset -c "$2"); shift 2 ;;
            *) die "unknown option '$1' (see the comment at the top of this script)" ;;
        esac
    done
    [[ -f "$state/gateway.pid" ]] && die "already up (state in $state); run '$0 down' first"
    command -v redis-server >/dev/null || die "redis-server is not installed (make deps, or apt-get install redis-server)"
    if [[ -z "$bin" ]]; then
        (cd "$root" && for product in matchmaking-gateway matchmaking-matchmaker matchmaking-orchestrator matchmaking-gameserver; do
            swift build -c "$configuration" --product "$product" >&2 || exit 1
        done) || die "the build failed"
        bin=$(cd "$root" && swift build -c "$configuration" --show-bin-path)
    fi
    local exe
    for exe in matchmaking-gateway matchmaking-matchmaker matchmaking-orchestrator matchmaking-gameserver; do
        [[ -x "$bin/$exe" ]] || die "no $exe in $bin"
    done
    mkdir -p "$state/redis"
    trap 'code=$?; if [[ $code -ne 0 ]]; then echo "local.sh: start-up failed; stopping what started" >&2; down; fi' EXIT

    # redis-server on a free port (another one if the port was taken between the check and the bind).
    local redis_port="" attempt
    for attempt in 1 2 3 4 5; do
        redis_port=$(free_port)
        ${pin_redis[@]+"${pin_redis[@]}"} redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis" --save "" --appendonly no \
            --protected-mode no --daemonize no --loglevel warning >"$state/redis.log" 2>&1 &
        echo $! >"$state/redis.pid"
        echo "$redis_port" >"$state/redis.port"
        for _ in $(seq 1 100); do
            redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
            kill -0 "$(cat "$state/redis.pid")" 2>/dev/null || break
            sleep 0.1
        done
        redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
        stop_pid "$state/redis.pid" redis-server
        redis_port=""
    done
    [[ -n "$redis_port" ]] || die "redis-server did not start (log: $state/redis.log)"

    local orchestrator_port="" allocation=()
    if [[ $orchestrator == yes ]]; then
        ${pin_orchestrator[@]+"${pin_orchestrator[@]}"} "$bin/matchmaking-orchestrator" --redis-port "$redis_port" \
            --host 127.0.0.1 --port 0 --threads "$threads" --max-servers "$max_servers" \
            --gameserver-path "$bin/matchmaking-gameserver" --match-duration "$match_duration" --tick-rate "$tick_rate" \
            >"$state/orchestrator.log" 2>&1 &
        echo $! >"$state/orchestrator.pid"
        orchestrator_port=$(wait_listening "$state/orchestrator.log" orchestrator "$(cat "$state/orchestrator.pid")")
        allocation=(--orchestrator-url "http://127.0.0.1:$orchestrator_port")
    fi

    ${pin_matchmaker[@]+"${pin_matchmaker[@]}"} "$bin/matchmaking-matchmaker" --redis-port "$redis_port" --host 127.0.0.1 \
        --port "$matchmaker_port" --workers "$workers" --mode "$mode" --threads "$threads" \
        ${allocation[@]+"${allocation[@]}"} >"$state/matchmaker.log" 2>&1 &
    echo $! >"$state/matchmaker.pid"
    matchmaker_port=$(wait_listening "$state/matchmaker.log" matchmaker "$(cat "$state/matchmaker.pid")")

    ${pin_gateway[@]+"${pin_gateway[@]}"} "$bin/matchmaking-gateway" --redis-port "$redis_port" --host 127.0.0.1 --port "$gateway_port" \
        --threads "$threads" "$token" >"$state/gateway.log" 2>&1 &
    echo $! >"$state/gateway.pid"
    gateway_port=$(wait_listening "$state/gateway.log" gateway "$(cat "$state/gateway.pid")")
    trap - EXIT

    cat >"$state/env" <<ENV
GATEWAY_URL=http://127.0.0.1:$gateway_port
MATCHMAKER_METRICS_URL=http://127.0.0.1:$matchmaker_port/metrics
REDIS_PORT=$redis_port
ENV
    [[ -z "$orchestrator_port" ]] || echo "ORCHESTRATOR_URL=http://127.0.0.1:$orchestrator_port" >>"$state/env"
    cat "$state/env"
    echo "logs: $state/*.log — stop with: $0 down" >&2
}

status() {
    [[ -f "$state/env" ]] || { echo "down"; return 0; }
    cat "$state/env"
    for name in redis orchestrator matchmaker gateway; do
        [[ $name != orchestrator || -f "$state/orchestrator.pid" ]] || continue
        if kill -0 "$(cat "$state/$name.pid" 2>/dev/null || echo 0)" 2>/dev/null; then echo "$name: running"; else echo "$name: NOT running"; fi
    done
}

case ${1:-} in
    up) shift; up "$@" ;;
    down) down ;;
    status) status ;;
    *) die "usage: $0 up [OPTIONS] | down | status" ;;
esac
