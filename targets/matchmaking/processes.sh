# Shell functions shared by local.sh and deploy/prometheus-local.sh (sourced; each script defines `die` first).

# free_port: a port nothing listens on right now (checked by connecting), below Linux's ephemeral range (32768+)
# so that no outgoing connection holds it.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    die "no free port found"
}

# stop_pid FILE NAME: SIGTERM the process whose pid FILE holds, then SIGKILL after 10 s; removes FILE.
stop_pid() {
    local file=$1 name=$2 pid
    [[ -f "$file" ]] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "$(basename "$0"): $name did not stop within 10 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}
