# Shared helpers of the run benchmarks (sourced, not run). Everything they start is recorded in BENCH_PIDS and
# stopped by bench_cleanup, which the sourcing script traps on EXIT, INT and TERM; temporary files live in BENCH_TMP.
# Traffic goes only to 127.0.0.1.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_TMP=$(mktemp -d /tmp/stampede-bench.XXXXXX)
BENCH_PIDS=()
BENCH_NGINX_PID=
STAMPEDE=${STAMPEDE:-"$BENCH_ROOT/.build/release/stampede"}
BENCH_VENV="$BENCH_ROOT/.build-bench-venv"

# Stops every process the benchmark started (by its own pid, then its children), then removes the temp dir.
# Set BENCH_KEEP=1 to keep the temp dir (scenarios, results, logs) for inspection.
bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill -TERM "$pid" 2>/dev/null || true
    done
    sleep 0.2
    for pid in "${BENCH_PIDS[@]}"; do
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=()
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
        echo "(kept $BENCH_TMP)" >&2
    else
        rm -rf "$BENCH_TMP"
    fi
}

# bench_traps: installs the cleanup on exit and on Ctrl-C / SIGTERM (which then exit 130 / 143).
bench_traps() {
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# bench_track PID: records a background process to stop at cleanup.
bench_track() { BENCH_PIDS+=("$1"); }

# bench_as_root CMD...: runs CMD as root (sudo when not root).
bench_as_root() {
    if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi
}

# bench_apt PACKAGE:COMMAND...: installs each package whose command is missing (one apt-get update first).
bench_apt() {
    local missing=() spec
    [[ -x /usr/bin/time ]] || missing+=(time)
    for spec in "$@"; do
        command -v "${spec#*:}" >/dev/null 2>&1 || missing+=("${spec%%:*}")
    done
    ((${#missing[@]} == 0)) && return 0
    echo "== installing ${missing[*]} (apt)" >&2
    bench_as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive bench_as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# bench_locust: makes sure locust is installed in the git-ignored venv; prints the locust command path.
bench_locust() {
    if [[ ! -x "$BENCH_VENV/bin/locust" ]]; then
        echo "== installing locust into $BENCH_VENV (pip)" >&2
        python3 -m venv "$BENCH_VENV"
        "$BENCH_VENV/bin/pip" install -q locust >&2
    fi
    echo "$BENCH_VENV/bin/locust"
}

# bench_build: builds the release stampede (waits for the shared .build lock if another build holds it).
bench_build() {
    if [[ "${BENCH_SKIP_BUILD:-0}" == 1 && -x "$STAMPEDE" ]]; then return 0; fi
    echo "== swift build -c release --product stampede" >&2
    (cd "$BENCH_ROOT" && swift build -c release --product stampede 2>&1 | grep -E "error|warning: |Compiling|Build complete" | tail -5) >&2
    [[ -x "$STAMPEDE" ]] || { echo "error: no $STAMPEDE after the build" >&2; exit 1; }
}

# bench_build_products PRODUCT...: builds release products other than stampede (skipped with BENCH_SKIP_BUILD=1);
# a failed build stops the script with the build's last lines.
bench_build_products() {
    [[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] && return 0
    local product
    for product in "$@"; do
        echo "== swift build -c release --product $product" >&2
        if ! (cd "$BENCH_ROOT" && swift build -c release --product "$product" >"$BENCH_TMP/build-$product.log" 2>&1); then
            echo "error: building $product failed:" >&2
            tail -20 "$BENCH_TMP/build-$product.log" >&2
            exit 1
        fi
        [[ -x "$BENCH_ROOT/.build/release/$product" ]] || { echo "error: no .build/release/$product after the build" >&2; exit 1; }
    done
}

# bench_start_floor VARIANT: starts `stampede-hummingbird-floor` (one route, GET /hello) in VARIANT on a free loopback
# port and waits until it answers. Sets FLOOR_PID and FLOOR_URL (`http://127.0.0.1:PORT`); stop it with
# bench_stop_floor.
bench_start_floor() {
    local variant=$1 port tries
    port=$(bench_free_port)
    "$BENCH_ROOT/.build/release/stampede-hummingbird-floor" "$port" "$variant" >"$BENCH_TMP/floor-$variant.log" 2>&1 &
    FLOOR_PID=$!
    bench_track "$FLOOR_PID"
    FLOOR_URL="http://127.0.0.1:$port"
    for tries in $(seq 1 50); do
        curl -sf "$FLOOR_URL/hello" >/dev/null 2>&1 && return 0
        kill -0 "$FLOOR_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "error: the Hummingbird floor server ($variant) did not answer:" >&2
    tail -20 "$BENCH_TMP/floor-$variant.log" >&2
    exit 1
}

# bench_stop_floor: stops the server bench_start_floor started (if it still runs).
bench_stop_floor() {
    kill "$FLOOR_PID" 2>/dev/null || true
    wait "$FLOOR_PID" 2>/dev/null || true
}

# bench_require_adapter NAME: fails unless `stampede adapters` lists NAME.
bench_require_adapter() {
    local listing
    listing=$("$STAMPEDE" adapters 2>/dev/null || true)
    if ! grep -qE "^$1 " <<<"$listing"; then
        echo "error: the '$1' adapter is not registered in this build (stampede adapters)" >&2
        exit 1
    fi
}

# bench_free_port: prints a free TCP port on 127.0.0.1.
bench_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# bench_start_nginx LOG: starts nginx (1 worker, in the foreground of a background job, its own config and files
# under BENCH_TMP/nginx) serving /hello.txt on a free loopback port; LOG is `on` (access log to
# BENCH_TMP/nginx/access.log) or `off`. Sets NGINX_PORT and NGINX_URL; waits until it answers.
bench_start_nginx() {
    local log=$1 dir="$BENCH_TMP/nginx" access="access_log off;"
    mkdir -p "$dir/www" "$dir/tmp"
    chmod 755 "$BENCH_TMP" "$dir" "$dir/www"
    printf 'Hello from nginx: a small static file for the stampede benchmarks.\n' >"$dir/www/hello.txt"
    chmod 644 "$dir/www/hello.txt"
    [[ "$log" == on ]] && access="access_log $dir/access.log;"
    NGINX_PORT=$(bench_free_port)
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 8192; }
http {
    $access
    default_type text/plain;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        root $dir/www;
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
    BENCH_NGINX_PID=$!
    bench_track "$BENCH_NGINX_PID"
    NGINX_URL="http://127.0.0.1:$NGINX_PORT"
    local tries
    for tries in $(seq 1 50); do
        if curl -fsS -o /dev/null "$NGINX_URL/hello.txt" 2>/dev/null; then
            [[ "$log" == on ]] && : >"$dir/access.log"   # forget the readiness probe
            return 0
        fi
        kill -0 "$BENCH_NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "error: nginx did not start:" >&2
    cat "$dir/stdout.log" "$dir/error.log" >&2 2>/dev/null
    exit 1
}

# bench_stop_nginx: stops nginx gracefully (SIGQUIT: it finishes writing its log) and waits for it.
bench_stop_nginx() {
    [[ -n "$BENCH_NGINX_PID" ]] || return 0
    kill -QUIT "$BENCH_NGINX_PID" 2>/dev/null || true
    local tries
    for tries in $(seq 1 50); do
        kill -0 "$BENCH_NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$BENCH_NGINX_PID" 2>/dev/null || true
    wait "$BENCH_NGINX_PID" 2>/dev/null || true
    BENCH_NGINX_PID=
}

# bench_closed_http_scenario FILE PLAYERS SECONDS: writes a closed-model scenario to FILE: PLAYERS players each
# looping http.get of NGINX_URL/hello.txt without think time, through a pool of PLAYERS connections.
bench_closed_http_scenario() {
    cat >"$1" <<EOF
name: bench-throughput
seed: 1
duration: ${3}s
targets:
  web:
    adapter: http
    config:
      base_url: $NGINX_URL
      pool_size: $2
      keep_alive: true
behaviours:
  fetch:
    states:
      get:
        action: web.get
        with:
          path: /hello.txt
load:
  players:
    model: closed
    players: $2
EOF
}

# bench_stampede TIMEOUT RESULTS SCENARIO [ARGS...]: runs `stampede run --quiet` in the background (so Ctrl-C
# reaches the cleanup), bounded by TIMEOUT seconds, writing RESULTS (JSON); stdout/stderr go to RESULTS.log and
# its CPU time (/usr/bin/time: user and system seconds) to RESULTS.cpu. Returns stampede's exit code.
bench_stampede() {
    local limit=$1 results=$2 scenario=$3
    shift 3
    bench_timed "$results.cpu" timeout --signal=INT --kill-after=10 "$limit" \
        "$STAMPEDE" run --quiet --out "json=$results" "$@" "$scenario" >"$results.log" 2>&1 &
    local pid=$!
    bench_track "$pid"
    local code=0
    wait "$pid" || code=$?
    return "$code"
}

# bench_timed FILE CMD...: runs CMD, writing its CPU seconds (user + system, children waited for included) to FILE.
bench_timed() {
    local file=$1
    shift
    /usr/bin/time -f "%U %S" -o "$file" "$@"
}

# bench_cpu_ticks PID...: CPU clock ticks (user + system, `getconf CLK_TCK` a second) the processes spent so far,
# from /proc (a process already gone counts 0).
bench_cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
    echo "$total"
}

# bench_demangle: Swift symbols on stdin made readable when the toolchain's demangler is there.
bench_demangle() {
    if command -v swift-demangle >/dev/null; then swift-demangle --simplified; else cat; fi
}

# bench_cpu_us FILE REQUESTS: CPU microseconds per request from a bench_timed FILE.
bench_cpu_us() {
    python3 -c 'import sys
u, s = map(float, open(sys.argv[1]).read().split()[-2:])
n = float(sys.argv[2] or 0)
print(f"{(u + s) * 1e6 / n:.0f}" if n > 0 else "n/a")' "$1" "$2" 2>/dev/null || echo n/a
}

# bench_json RESULTS EXPRESSION: evaluates a Python expression over the results document `d` and prints it.
# Helpers: total(name) sums a counter's counts over its series; series(name) lists a metric's series.
bench_json() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
def series(name): return [m for m in d["metrics"] if m["name"] == name]
def total(name): return sum(m["values"].get("count", 0) for m in series(name))
print(eval(sys.argv[2]))
EOF
}

# bench_ratio A B: prints A / B with two decimals (or n/a).
bench_ratio() {
    python3 -c 'import sys; a, b = float(sys.argv[1] or 0), float(sys.argv[2] or 0); print(f"{a / b:.2f}" if b > 0 else "n/a")' "$1" "$2"
}
