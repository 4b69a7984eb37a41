#!/usr/bin/env bash
# Times validate/compile/summarize and lazy schedule generation on a large scenario (release build).
# Usage: scripts/bench/plan-large.sh [SECONDS-OF-SCHEDULE]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product stampede >/dev/null
swift build -c release --product stampede-plan-bench >/dev/null
scenario=$(mktemp --suffix=.yaml)
trap 'rm -f "$scenario"' EXIT
python3 scripts/bench/generate-large-scenario.py > "$scenario"
echo "== stampede-plan-bench ($(wc -c <"$scenario") bytes of YAML)"
.build/release/stampede-plan-bench "$scenario" "${1:-60}"
echo "== whole commands (hyperfine if installed, else time)"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 ".build/release/stampede validate --quiet $scenario" ".build/release/stampede plan $scenario"
else
    time .build/release/stampede validate --quiet "$scenario"
    time .build/release/stampede plan "$scenario" >/dev/null
fi
