# The CLI tests' shared checks (sourced after CELAB and TMP are set):
#   fail MESSAGE               counts a failure and prints it
#   run NAME EXPECTED_EXIT ARGS...   runs celab ARGS, keeps stdout/stderr in $TMP/out, $TMP/err
#   expect_line NAME REGEX     some line of the last run's stdout matches
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

run() {
  local name="$1" expected="$2"
  shift 2
  "$CELAB" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  [ "$rc" = "$expected" ] || fail "$name: exit $rc, want $expected (stderr: $(cat "$TMP/err"))"
}

expect_line() {
  grep -qE -- "$2" "$TMP/out" || { fail "$1: no line matching /$2/ in:"; cat "$TMP/out"; }
}
