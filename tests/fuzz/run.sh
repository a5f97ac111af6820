#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang-14 into build/fuzz/, then runs each
# one for SECONDS (default 60), one after the other, starting from its committed seeds
# (tests/fuzz/corpus/<target>/) and the corpus it grew in earlier runs (build/fuzz/corpus/<target>/).
# Prints per target: executions, executions per second, coverage, corpus size and crashes, then last
# `fuzz: N targets, M crashes`. Exit 1 if any target crashed (a crash, an exception other than the
# documented one, a sanitizer report, a leak, a timeout or running out of memory); the inputs are
# kept as build/fuzz/crashes/<target>/<kind>-<sha1>, and the full logs as build/fuzz/logs/<target>.log.
#   usage: tests/fuzz/run.sh [SECONDS]   (env: JOBS for the build, FUZZ_TARGETS="fuzz_idx ..." to pick)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_EACH="${1:-60}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] && [ "$SECONDS_EACH" -ge 1 ] ||
  { echo "run.sh: SECONDS must be a whole number >= 1, got '$SECONDS_EACH'" >&2; exit 2; }
BUILD="$ROOT/build/fuzz"

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
  for target in "${targets[@]}"; do
    [ -f "$ROOT/tests/fuzz/$target.cpp" ] || { echo "run.sh: no fuzz target $target (tests/fuzz/$target.cpp)" >&2; exit 2; }
  done
else
  targets=()
  for source in "$ROOT"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

# Only the targets that run are built (the short run of ./build.sh test builds one).
CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCELAB_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j "${JOBS:-2}" --target "${targets[@]}"

# UBSan reports abort (-fno-sanitize-recover) with a stack; leaks are checked after every input.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
total_crashes=0
for target in "${targets[@]}"; do
  seeds="$ROOT/tests/fuzz/corpus/$target" corpus="$BUILD/corpus/$target" crashes="$BUILD/crashes/$target"
  log="$BUILD/logs/$target.log"
  [ -d "$seeds" ] || { echo "run.sh: no seed corpus $seeds for $target" >&2; exit 2; }
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  dict=()
  [ -f "$ROOT/tests/fuzz/$target.dict" ] && dict=(-dict="$ROOT/tests/fuzz/$target.dict")
  before=$(find "$crashes" -type f | wc -l)
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb (also the largest single allocation): 2 GB.
  status=0
  "$BUILD/$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  found=$(( $(find "$crashes" -type f | wc -l) - before ))
  [ "$status" -ne 0 ] && [ "$found" -eq 0 ] && found=1  # died without writing an input: still a crash
  total_crashes=$((total_crashes + found))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -n1 | tr -d '#' || true)  # no final stats after a crash
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n1 || true)
  size=$(find "$corpus" -type f | wc -l)
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
  printf '%-14s %10s execs  %6s exec/s  %-20s corpus %5d files (%d KB)  crashes %d\n' \
    "$target" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$size" "$((bytes / 1024))" "$found"
  if [ "$found" -gt 0 ]; then
    grep -a -m1 -E 'ERROR: |fuzz: bug|runtime error|terminate called|Timeout|out-of-memory' "$log" | sed 's/^/    /' || true
    echo "    inputs: $crashes/   log: $log"
  fi
done
echo "fuzz: ${#targets[@]} targets, $total_crashes crashes"
[ "$total_crashes" -eq 0 ]
