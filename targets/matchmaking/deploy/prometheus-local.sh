#!/usr/bin/env bash
# A local Prometheus (Debian's `prometheus` package) scraping the services `targets/matchmaking/local.sh up` started,
# on a free 127.0.0.1 port, with its storage in a temporary folder removed by `stop`.
#
# Usage:
#   targets/matchmaking/deploy/prometheus-local.sh start [--interval 2s] [--port N]
#                     writes the configuration for the addresses in local.sh's env file and starts Prometheus (or,
#                     when it already runs, reloads the configuration: run it again after `local.sh down` + `up`);
#                     prints PROMETHEUS_URL=…
#   targets/matchmaking/deploy/prometheus-local.sh stop     stops it and removes its folder
#   targets/matchmaking/deploy/prometheus-local.sh status   says whether it runs, and where
#   targets/matchmaking/deploy/prometheus-local.sh config [--interval 2s]
#                     prints the configuration it would use, and starts nothing
#
# Jobs are named as in deploy/prometheus.yml (gateway, matchmaker, orchestrator): the Grafana dashboards filter on
# them. Game servers are not scraped (short-lived processes on ephemeral ports; the orchestrator reports them).
# Env: STAMPEDE_TARGET_DIR      where local.sh keeps its env file (default .build/matchmaking-target)
#      STAMPEDE_PROMETHEUS_DIR  this script's state, configuration and storage (default .build/matchmaking-prometheus)
#      PROMETHEUS               the prometheus executable (default: `prometheus` on PATH)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
target_state=${STAMPEDE_TARGET_DIR:-$root/.build/matchmaking-target}
state=${STAMPEDE_PROMETHEUS_DIR:-$root/.build/matchmaking-prometheus}
prometheus=${PROMETHEUS:-prometheus}

die() { echo "prometheus-local.sh: $*" >&2; exit 1; }

# env_value NAME: NAME's value in local.sh's env file (empty when absent).
env_value() {
    sed -n "s/^$1=//p" "$target_state/env" | head -1
}

# host_port URL: "host:port" of http://host:port/path.
host_port() {
    local rest=${1#*://}
    echo "${rest%%/*}"
}

# url_path URL: the path of http://host:port/path ("/metrics" when there is none).
url_path() {
    local rest=${1#*://}
    if [[ $rest == */* ]]; then echo "/${rest#*/}"; else echo /metrics; fi
}

# job NAME URL: one scrape job for the service at URL.
job() {
    cat <<JOB
  - job_name: $1
    metrics_path: $(url_path "$2")
    static_configs:
      - targets: ["$(host_port "$2")"]
JOB
}

config() {
    local interval=$1
    [[ -f "$target_state/env" ]] || die "no $target_state/env: start the services first (targets/matchmaking/local.sh up)"
    local gateway matchmaker orchestrator
    gateway=$(env_value GATEWAY_URL)
    matchmaker=$(env_value MATCHMAKER_METRICS_URL)
    orchestrator=$(env_value ORCHESTRATOR_URL)
    [[ -n "$gateway" && -n "$matchmaker" ]] || die "$target_state/env lacks GATEWAY_URL or MATCHMAKER_METRICS_URL"
    cat <<HEAD
# Written by prometheus-local.sh for the services of $target_state/env.
global:
  scrape_interval: $interval
  scrape_timeout: $interval
  evaluation_interval: $interval
scrape_configs:
HEAD
    job gateway "${gateway%/}/metrics"
    job matchmaker "$matchmaker"
    if [[ -n "$orchestrator" ]]; then
        job orchestrator "${orchestrator%/}/metrics"
    else
        echo "prometheus-local.sh: no ORCHESTRATOR_URL in $target_state/env; the orchestrator is not scraped" >&2
    fi
}

source "$here/../processes.sh"

# ready PORT: whether GET /-/ready answers 200 (plain bash: curl may be missing).
ready() {
    local status
    status=$({ exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -1 <&3; } 2>/dev/null) || return 1
    [[ $status == *" 200"* ]]
}

running() {
    [[ -f "$state/prometheus.pid" ]] && kill -0 "$(cat "$state/prometheus.pid")" 2>/dev/null
}

start() {
    local interval=2s port=""
    while [[ $# -gt 0 ]]; do
        case $1 in
            --interval) interval=$2; shift 2 ;;
            --port) port=$2; shift 2 ;;
            *) die "unknown option '$1' (see the comment at the top of this script)" ;;
        esac
    done
    command -v "$prometheus" >/dev/null || die "prometheus is not installed (make deps installs it; or apt-get install prometheus)"
    mkdir -p "$state"
    config "$interval" >"$state/prometheus.yml.new"
    mv "$state/prometheus.yml.new" "$state/prometheus.yml"
    if running; then
        kill -HUP "$(cat "$state/prometheus.pid")"
        echo "prometheus-local.sh: configuration reloaded" >&2
        cat "$state/env"
        return 0
    fi
    rm -rf "$state/data"
    mkdir -p "$state/data"
    trap 'code=$?; if [[ $code -ne 0 ]]; then echo "prometheus-local.sh: start-up failed; stopping" >&2; stop; fi' EXIT
    local attempt
    for attempt in 1 2 3; do
        [[ -n "$port" && $attempt -eq 1 ]] || port=$(free_port)
        "$prometheus" --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/data" \
            --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=1d --web.enable-lifecycle \
            </dev/null >"$state/prometheus.log" 2>&1 &
        echo $! >"$state/prometheus.pid"
        for _ in $(seq 1 150); do
            ready "$port" && break
            running || break
            sleep 0.1
        done
        ready "$port" && break
        stop_pid "$state/prometheus.pid" prometheus
        port=""
    done
    [[ -n "$port" ]] || { tail -20 "$state/prometheus.log" >&2; die "prometheus did not start (log: $state/prometheus.log)"; }
    trap - EXIT
    echo "PROMETHEUS_URL=http://127.0.0.1:$port" >"$state/env"
    cat "$state/env"
    echo "targets: http://127.0.0.1:$port/targets — stop with: $0 stop" >&2
}

stop() {
    stop_pid "$state/prometheus.pid" prometheus
    rm -rf "$state"
}

status() {
    if running; then
        cat "$state/env"
        echo "prometheus: running (pid $(cat "$state/prometheus.pid"), configuration $state/prometheus.yml)"
    else
        echo "down"
    fi
}

case ${1:-} in
    start) shift; start "$@" ;;
    stop) stop ;;
    status) status ;;
    config)
        shift
        interval=2s
        if [[ ${1:-} == --interval ]]; then interval=${2:?--interval needs a value}; fi
        config "$interval"
        ;;
    *) die "usage: $0 start [--interval 2s] [--port N] | stop | status | config [--interval 2s]" ;;
esac
