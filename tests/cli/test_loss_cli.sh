#!/usr/bin/env bash
# CLI tests for `celab loss` and `celab check-golden` (run by ctest as cli.loss).
# Usage: test_loss_cli.sh CELAB_BINARY SOURCE_DIR SHARED_DIR
set -uo pipefail
CELAB="$1"
SOURCE_DIR="$2"
SHARED_DIR="$3"
PROJECT_GOLDEN="$SOURCE_DIR/tests/golden/cross_entropy_cases.json"
SHARED_GOLDEN="$SHARED_DIR/golden/cross_entropy_cases.json"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# fail, run, expect_line
# shellcheck source=harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

# The article's worked example: the three computations, each 1.2729.
run article 0 loss --logits=-0.5,-0.2,-0.3 --target=0
[ "$(wc -l <"$TMP/out")" = 3 ] || fail "article: want 3 lines, got $(wc -l <"$TMP/out")"
expect_line article '^nn\.CrossEntropyLoss +1\.2729$'
expect_line article '^-x\[y\] \+ log\(sum\(exp\(x\)\)\) +1\.2729$'
expect_line article '^LogSoftmax \+ NLLLoss +1\.2729$'

# Several rows; values from torch.nn.functional.cross_entropy (PyTorch 1.13, float64).
run rows 0 loss '--logits=1,2,3;4,5,6' --target=0,2
[ "$(grep -c ' 1\.4076$' "$TMP/out")" = 3 ] || fail "rows: want 1.4076 three times"; cat "$TMP/out" >/dev/null
run rows_none 0 loss '--logits=1,2,3;4,5,6' --target=0,2 --reduction=none
[ "$(grep -c ' 2\.4076 0\.4076$' "$TMP/out")" = 3 ] || fail "rows_none: want '2.4076 0.4076' three times"
run weight_smoothing_ignore 0 loss '--logits=1,2,3;4,5,6' --target=0,-100 --weight=1,2,3 --label-smoothing=0.1
[ "$(grep -c ' 2\.3817$' "$TMP/out")" = 3 ] || fail "weight_smoothing_ignore: want 2.3817 three times"
expect_line weight_smoothing_ignore '^sum of \(1-eps\)\*w\[y\].* / sum of w\[y\]'
run probs 0 loss '--logits=1,2,3;4,5,6' '--probs=0.2,0.3,0.5;1,0,0' --weight=1,1,2 --label-smoothing=0.2
[ "$(grep -c ' 1\.7963$' "$TMP/out")" = 3 ] || fail "probs: want 1.7963 three times"
run all_ignored 0 loss '--logits=1,2,3;4,5,6' --target=-100,-100
[ "$(grep -c ' nan$' "$TMP/out")" = 3 ] || fail "all_ignored: want nan three times"

# --json: full precision, machine readable.
run json 0 loss --logits=-0.5,-0.2,-0.3 --target=0 --json
python3 - "$TMP/out" <<'PY' || fail "json: content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["loss"] == d["formula"] == d["log_softmax_nll"] == 1.2729189131256584, d
assert d["row_losses"] == [1.2729189131256584]
assert abs(sum(d["probabilities"][0]) - 1) < 1e-15
assert d["grad_logits"] == [[-0.7199869061414262, 0.37797814098160176, 0.3420087651598245]], d["grad_logits"]
PY

# Bad input: one line on stderr naming the value, exit 2.
bad() {  # NAME REGEX ARGS...
  local name="$1" regex="$2"
  shift 2
  run "$name" 2 "$@"
  [ "$(wc -l <"$TMP/err")" = 1 ] || fail "$name: want one line on stderr, got: $(cat "$TMP/err")"
  grep -qE -- "$regex" "$TMP/err" || fail "$name: stderr '$(cat "$TMP/err")' does not match /$regex/"
  [ -s "$TMP/out" ] && fail "$name: unexpected stdout: $(cat "$TMP/out")"
}
bad not_a_number "'x' \(row 1, value 2\) is not a number" loss --logits=1,x,3 --target=0
bad nan_logit "'nan' \(row 1, value 2\) is not a finite number" loss --logits=1,nan,3 --target=0
bad target_range 'target 3 at position 1 is out of range \[0, 3\) \(PyTorch: IndexError: Target 3 is out of bounds\.\)$' loss '--logits=1,2,3;4,5,6' --target=0,3
bad target_negative 'target -2 at position 0 is out of range' loss --logits=1,2,3 --target=-2
bad target_not_integer "'1\.5' \(value 1\) is not an integer" loss --logits=1,2,3 --target=1.5
bad target_count '--target has 2 values but --logits has 1 row' loss --logits=1,2,3 --target=0,1
bad ragged_rows 'row 2 has 2 values but row 1 has 3' loss '--logits=1,2,3;4,5' --target=0,1
bad weight_count 'weight has 2 values but the input has 3 classes' loss --logits=1,2,3 --target=0 --weight=1,2
bad smoothing 'label_smoothing 1\.5 is outside \[0, 1\]' loss --logits=1,2,3 --target=0 --label-smoothing=1.5
bad reduction "reduction 'avg' is not one of none, mean, sum" loss --logits=1,2,3 --target=0 --reduction=avg
bad probs_shape '--probs is 1x2 but --logits is 1x3' loss --logits=1,2,3 --probs=1,0
bad no_target 'give either --target or --probs' loss --logits=1,2,3
bad missing_logits 'logits is required' loss --target=0

# --mistake: what PyTorch does with a common mistake on the question (nn/loss_mistakes.h).
run mistake_raises 0 loss --logits=-0.5,-0.2,-0.3 --target=2 --mistake=labels_from_one
expect_line mistake_raises '^PyTorch raises IndexError: Target 3 is out of bounds\.$'
run mistake_softmax 0 loss --logits=-0.5,-0.2,-0.3 --target=0 --mistake=softmax_as_logits
expect_line mistake_softmax '^mistake: softmax_as_logits$'
[ "$(grep -c ' 1\.1527$' "$TMP/out")" = 3 ] || fail "mistake_softmax: want 1.1527 three times"
bad mistake_unknown "mistake 'softmax' is not one of softmax_as_logits, log_softmax_first" \
  loss --logits=1,2,3 --target=0 --mistake=softmax
bad mistake_probs '--mistake needs class indices \(--target\), not --probs' \
  loss --logits=1,2,3 --probs=1,0,0 --mistake=softmax_as_logits
bad mistake_bad_question 'target 3 at position 0 is out of range' loss --logits=1,2,3 --target=3 --mistake=log_softmax_first
# Every example and mistake of the golden file (real PyTorch 1.13): the same exception line or loss.
python3 - "$CELAB" "$SOURCE_DIR/tests/golden/mistakes_cases.json" <<'PY' || fail "mistakes golden file"
import json, math, subprocess, sys
celab, path = sys.argv[1], sys.argv[2]
checked = 0
for e in json.load(open(path))["examples"]:
    args = [celab, "loss", "--logits=" + ",".join(repr(v) for v in e["logits"]), "--target=%d" % e["target"],
            "--reduction=" + e["reduction"], "--label-smoothing=%r" % e["label_smoothing"],
            "--ignore-index=%d" % e["ignore_index"], "--json"]
    if e["weight"] is not None:
        args.append("--weight=" + ",".join(repr(v) for v in e["weight"]))
    for name, want in e["mistakes"].items():
        got = json.loads(subprocess.run(args + ["--mistake=" + name], capture_output=True, check=True, text=True).stdout)
        where = e["name"] + " " + name
        if "error" in want:
            assert got.get("error") == want["error"], (where, got, want)
        else:
            w, g = want["loss"], got["loss"]
            w, g = (w, g) if isinstance(w, list) else ([w], [g])
            for a, b in zip(g, w):
                assert (a == b == "nan") or abs(a - b) <= 1e-12 * max(1, abs(b)), (where, a, b)
        checked += 1
assert checked == 420, checked
print("mistakes golden file: %d examples x mistakes match" % checked)
PY

# check-golden: the project's file, and the shared one when it is there.
run golden_project 0 check-golden "$PROJECT_GOLDEN" --dtype=both
[ "$(wc -l <"$TMP/out")" = 1 ] || fail "golden_project: failing lines: $(cat "$TMP/out")"
expect_line golden_project '^[1-9][0-9]* passed, 0 failed$'
echo "project golden file: $(tail -1 "$TMP/out")"
if [ -f "$SHARED_GOLDEN" ]; then
  run golden_shared 0 check-golden "$SHARED_GOLDEN" --dtype=both
  expect_line golden_shared '^62 passed, 0 failed$'
  echo "shared golden file: $(tail -1 "$TMP/out")"
else
  echo "shared golden file not there ($SHARED_GOLDEN); its check is left out"
fi

# A golden file with one wrong number: one FAIL line naming the case, exit 1.
python3 - "$PROJECT_GOLDEN" "$TMP/wrong.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
case = next(c for c in d["cases"] if c["name"] == "index_mean")
case["output"][0] *= 1 + 1e-6
json.dump(d, open(sys.argv[2], "w"))
PY
run golden_wrong 1 check-golden "$TMP/wrong.json"
expect_line golden_wrong '^FAIL index_mean \(double\): output\[0\]: got [0-9.]+ want [0-9.]+ \(difference [0-9.e-]+, tolerance [0-9.e-]+\)$'
expect_line golden_wrong '^[0-9]+ passed, 1 failed$'
[ "$(tail -1 "$TMP/out" | grep -c 'passed')" = 1 ] || fail "golden_wrong: the summary is not the last line"

# Unreadable or malformed files: exit 2 with a message naming the file.
bad golden_missing "$TMP/none.json: cannot open" check-golden "$TMP/none.json"
echo '{"cases": [' >"$TMP/broken.json"
bad golden_broken "$TMP/broken.json: not valid JSON" check-golden "$TMP/broken.json"
echo '{"cases": [{"name": "a", "input_shape": [2]}]}' >"$TMP/partial.json"
bad golden_partial "partial.json: case 0 \"a\": field \"input\" is missing" check-golden "$TMP/partial.json"

if [ "$failures" -gt 0 ]; then
  echo "$failures CLI check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
