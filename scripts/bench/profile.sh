#!/usr/bin/env bash
# CPU profile of stampede in the throughput benchmark: the same closed-loop scenario against nginx (1 worker, no
# access log), recorded with `perf record` (or, without perf, `valgrind --tool=callgrind` on a shorter run).
# Prints the hottest symbols of the stampede process by self time, and the split by library.
#
# Usage: scripts/bench/profile.sh [CONNECTIONS] [DURATION-SECONDS] [TOP]    (default 64 10 25)
# Env:   BENCH_SKIP_BUILD=1 reuses the release build; BENCH_KEEP=1 keeps the temp dir (perf.data).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_traps

connections=${1:-64}
duration=${2:-10}
top=${3:-25}
bench_apt nginx-light:nginx curl:curl
bench_build
bench_require_adapter http
bench_start_nginx off

results="$BENCH_TMP/profile.json"
if command -v perf >/dev/null && perf record -o /dev/null -- true >/dev/null 2>&1; then
    scenario="$BENCH_TMP/profile.yaml"
    bench_closed_http_scenario "$scenario" "$connections" "$duration"
    echo "== perf record -F 999 -g: stampede run, $connections players, ${duration}s, nginx on $NGINX_URL"
    timeout --signal=INT --kill-after=10 $((duration + 60)) perf record -F 999 -g -o "$BENCH_TMP/perf.data" -- \
        "$STAMPEDE" run --quiet --grace 5s --out "json=$results" "$scenario" >"$results.log" 2>&1 &
    bench_track $!
    wait $! || { echo "error: the profiled run failed:" >&2; tail -20 "$results.log" >&2; exit 1; }
    bench_stop_nginx
    echo "requests/s while profiled: $(bench_json "$results" 'round(total("requests") / d["elapsed"])')"
    echo
    # report FILE ARGS...: a perf report as text in FILE (whole, so no pipe is cut short under pipefail).
    report() {
        local file=$1
        shift
        perf report -i "$BENCH_TMP/perf.data" --stdio "$@" >"$file" 2>/dev/null || true
    }
    # rows FILE COUNT: the first COUNT sample rows of a report, demangled, trailing blanks trimmed.
    rows() { grep -E '^ +[0-9]' "$1" | head -n "$2" | bench_demangle | sed -E 's/( +-)* *$//' | cut -c1-200 || true; }
    report "$BENCH_TMP/dso.txt" --no-children --sort dso
    report "$BENCH_TMP/self.txt" --no-children --sort symbol -g none
    report "$BENCH_TMP/own.txt" --no-children --dsos stampede --sort symbol -g none
    report "$BENCH_TMP/inclusive.txt" --children --sort symbol -g none
    echo "== CPU by library (self)"
    rows "$BENCH_TMP/dso.txt" 12
    echo
    echo "== top $top symbols (self, all libraries)"
    rows "$BENCH_TMP/self.txt" "$top"
    echo
    echo "== top $top symbols (self) of the stampede executable (its code and the packages linked into it)"
    rows "$BENCH_TMP/own.txt" "$top"
    echo
    echo "== top $top symbols (inclusive: self + callees; columns: children, self)"
    rows "$BENCH_TMP/inclusive.txt" "$top"
    echo
    echo "== samples by thread kind, and by the innermost frame of stampede's own code (Stampede modules, plugins)"
    perf script -i "$BENCH_TMP/perf.data" -F tid,ip,sym 2>/dev/null >"$BENCH_TMP/stacks.txt" || true
    python3 - "$BENCH_TMP/stacks.txt" "$top" <<'EOF'
import collections, re, subprocess, sys
blocks = [b.strip().split("\n")[1:] for b in open(sys.argv[1]).read().split("\n\n") if b.strip()]
stacks = [[m.group(1) for m in (re.match(r"\s*[0-9a-f]+ (.*)$", line) for line in b) if m] for b in blocks]
names = sorted({f for s in stacks for f in s})
text = subprocess.run(["swift-demangle", "--simplified"], input="\n".join(names), capture_output=True, text=True).stdout
readable = dict(zip(names, text.split("\n"))) if text else {n: n for n in names}
own = re.compile(r"\b(Engine|BehaviourRunner|RunnableAction|RunnableBehaviour|Player|PlayerPool|MetricsStore|MetricsRecorder|"
                 r"TagSet|TrendValue|MetricKey|ValueTemplate|RunClock|StopControl|HTTPTarget|HTTPRequestBuilder|"
                 r"ResponseCollector|ResponseExpectations|ActionRequest|ActionOutcome|ActionValue|NullTarget)\b")
kinds, owners = collections.Counter(), collections.Counter()
for s in stacks:
    frames = [readable.get(f, f) for f in s]
    joined = " ".join(frames)
    kinds["NIO event loop (AsyncHTTPClient: sockets, HTTP codec, pool)" if "SelectableEventLoop" in joined
          else "Swift concurrency pool (engine, adapter, client calls)" if "swift_job_run" in joined
          else "other (start-up, main thread, timers)"] += 1
    owners[next((f for f in frames if own.search(f)), "(no stampede frame: libraries, runtime, kernel)")] += 1
total = max(1, len(stacks))
for name, count in kinds.most_common():
    print(f"{count / total * 100:6.1f}%  {name}")
print()
for name, count in owners.most_common(int(sys.argv[2])):
    print(f"{count / total * 100:6.1f}%  {name[:170]}")
EOF
else
    bench_apt valgrind:valgrind
    short=$(( duration < 3 ? duration : 3 ))
    scenario="$BENCH_TMP/profile.yaml"
    bench_closed_http_scenario "$scenario" "$connections" "$short"
    echo "== valgrind --tool=callgrind: stampede run, $connections players, ${short}s (perf is not usable here)"
    timeout --signal=INT --kill-after=10 $((short * 60 + 120)) valgrind --tool=callgrind \
        --callgrind-out-file="$BENCH_TMP/callgrind.out" "$STAMPEDE" run --quiet --grace 5s --out "json=$results" \
        "$scenario" >"$results.log" 2>&1 &
    bench_track $!
    wait $! || { echo "error: the profiled run failed:" >&2; tail -20 "$results.log" >&2; exit 1; }
    bench_stop_nginx
    echo "== top $top functions (self instructions)"
    callgrind_annotate "$BENCH_TMP/callgrind.out" >"$BENCH_TMP/callgrind.txt" 2>/dev/null || true
    sed -n '/^Ir/,$p' "$BENCH_TMP/callgrind.txt" | sed -n "3,$((top + 2))p" | bench_demangle | cut -c1-200 || true
fi
