#!/usr/bin/env bash
# Builds the native CLI and unit tests with AddressSanitizer + UndefinedBehaviorSanitizer
# (cmake/sanitizers.cmake: -O1, assertions on, any report aborts) into build/sanitize/, and runs
# the whole native test suite there with ctest: the gtest unit tests and the CLI tests, so every
# error path of the CLI runs under the sanitizers too. Exit non-zero on any failure or report.
# clang, not GCC: at -O1 with the sanitizers GCC 12 reports dozens of false "may be used
# uninitialized" warnings inside Eigen's fixed-size packets, and the build must stay warning-free.
#   usage: tests/sanitize.sh   (env: JOBS, default nproc)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/sanitize"
JOBS="${JOBS:-$(nproc)}"

CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCELAB_SANITIZE=ON \
  >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target celab celab_tests

# Leaks are errors; a report stops the program with a stack trace (symbolised: llvm-symbolizer or
# addr2line), and ctest shows it.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$BUILD"
ctest --output-on-failure -j "$JOBS"
