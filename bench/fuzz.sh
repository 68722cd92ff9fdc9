#!/usr/bin/env bash
# Longer fuzzing than the 20 s ctest runs: each target for SECONDS (default 300) on its own
# corpus in BUILD_DIR (default build-fuzz/), then one line per target from libFuzzer's final
# statistics: executions, executions per second, coverage (cov: edges, ft: features),
# corpus size, peak memory and crashes (inputs left in BUILD_DIR/artifacts/TARGET/).
#   bench/fuzz.sh [SECONDS] [BUILD_DIR]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-300}"
BUILD_DIR="${2:-$ROOT/build-fuzz}"
mkdir -p "$BUILD_DIR/logs"
status=0
summary=()
for target in $("$ROOT/scripts/fuzz" list); do
    log="$BUILD_DIR/logs/$target.log"
    crashes_before=$(find "$BUILD_DIR/artifacts/$target" -type f 2>/dev/null | wc -l)
    "$ROOT/scripts/fuzz" run "$target" "$SECONDS_PER_TARGET" "$BUILD_DIR" >"$log" 2>&1
    rc=$?
    crashes=$(($(find "$BUILD_DIR/artifacts/$target" -type f 2>/dev/null | wc -l) - crashes_before))
    last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
    stat() { grep -m1 "^stat::$1:" "$log" | awk '{print $2}'; }
    summary+=("$(printf '%-13s execs %-10s execs/s %-7s cov %-5s ft %-6s corpus %-6s rss_mb %-5s crashes %s exit %s' \
        "$target" "$(stat number_of_executed_units)" "$(stat average_exec_per_sec)" \
        "$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")" "$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")" \
        "$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$last")" "$(stat peak_rss_mb)" "$crashes" "$rc")")
    ((rc == 0)) || status=1
done
printf '%s\n' "${summary[@]}"
echo "logs: $BUILD_DIR/logs/"
exit $status
