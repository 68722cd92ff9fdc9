#!/usr/bin/env bash
# Runs every benchmark built in BUILD_DIR (default: build) and writes the combined output
# to bench/results/latest.txt (not committed), then prints it.
# Usage: bash bench/run.sh [BUILD_DIR] [N]   N: requests per participant-list variant (500)
# The annual report benchmark generates its 1,000,000-participation association into
# BUILD_DIR/bench-data/ the first time (about a minute) and reuses it afterwards.
# The import benchmark has LibreOffice write an IMPORT_ROWS-row xlsx (default 100000) into
# BUILD_DIR/bench-data/import/ the first time, then imports it and its CSV (minutes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-build}"
count="${2:-500}"
bin="$build/bench"
rows="${IMPORT_ROWS:-100000}"
for exe in registration_bench participant_list_bench annual_report_bench import_bench; do
  if [ ! -x "$bin/$exe" ]; then
    echo "bench/run.sh: $bin/$exe missing; build it with: cmake --build $build --target benchmarks" >&2
    exit 1
  fi
done

mkdir -p "$here/results"
out="$here/results/latest.txt"
status=0
{
  echo "# Följsam benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# commit $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$here/.." diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "# $(uname -srm); $(nproc) hardware threads; $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
  echo "# build type: $(grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" 2>/dev/null | cut -d= -f2)"
  echo
  echo "## Registrations through ParticipationService::Register (SQLite, demo data, items_per_second)"
  "$bin/registration_bench" --benchmark_counters_tabular=true 2>&1 || status=1
  echo
  echo "## Participant list as registrator.stad over HTTP (SQLite, demo data)"
  "$bin/participant_list_bench" "$count" 2>&1 || status=1
  echo
  echo "## Full annual report: load + compute + suppress (SQLite; each case in its own process)"
  "$bin/annual_report_bench" --case demo 2>&1 || status=1
  "$bin/annual_report_bench" --case generated 2>&1 || status=1
  echo
  echo "## Import of a $rows-row xlsx written by LibreOffice, validated and written in one transaction (SQLite)"
  import_dir="$build/bench-data/import"
  mkdir -p "$import_dir"
  if [ ! -f "$import_dir/import-$rows.xlsx" ]; then
    "$bin/import_bench" --prepare --rows "$rows" --dir "$import_dir" 2>&1 || status=1
  fi
  for case in read import import-csv; do
    "$bin/import_bench" --case "$case" --rows "$rows" --dir "$import_dir" 2>&1 || status=1
  done
} > "$out"
cat "$out"
if [ "$status" -ne 0 ]; then echo "bench/run.sh: a benchmark failed (see above)" >&2; fi
exit "$status"
