#!/usr/bin/env bash
# CLI tests for `celab calibrate` and `celab eval --confusion / --worst N / --png FILE` on the MNIST
# test set with the shipped model (run by ctest as cli.confidence). The figures they print are
# checked for consistency with each other and with the library's definitions (unit tests check the
# math against PyTorch): bin counts add up to 10,000, ECE <= MCE, the hardest list is sorted, the
# confusion matrix's diagonal is the accuracy's count, the PNG has the contact sheet's size.
# Bad arguments of both commands: tests/cli/test_bad_input.sh.
# Usage: test_confidence_cli.sh CELAB_BINARY SOURCE_DIR
set -uo pipefail
CELAB="$1"
SOURCE_DIR="$2"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# fail, run, expect_line
# shellcheck source=harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

# --- calibrate: the table and the figures -------------------------------------------------------
run calibrate 0 calibrate --threads 2
[ "$(grep -cE '^\([01]\.[0-9]{3}, [01]\.[0-9]{3}\]' "$TMP/out")" = 15 ] || fail "calibrate: want 15 bin rows"
expect_line calibrate '^\(0\.933, 1\.000\] +[0-9]+ +0\.9[0-9]{3} +0\.99[0-9]{2} '
expect_line calibrate '^samples: 10000$'
expect_line calibrate '^accuracy: 0\.99[0-9]{2}$'
expect_line calibrate '^NLL \(mean cross-entropy, nats\): 0\.0[0-9]+$'
expect_line calibrate '^temperature fitted on the even-indexed half \(5000 samples\): T = [0-9.]+ '
expect_line calibrate '^held-out odd-indexed half \(5000 samples\), T = 1 -> T = [0-9.]+:$'
sum=$(grep -E '^\([01]\.' "$TMP/out" | awk '{s += $3} END {print s}')
[ "$sum" = 10000 ] || fail "calibrate: bin counts add up to $sum, want 10000"
cp "$TMP/out" "$TMP/calibrate.txt"

# --json: the same figures, machine readable (the page's calibration() layout).
run calibrate_json 0 calibrate --threads 2 --json
python3 - "$TMP/out" "$TMP/calibrate.txt" <<'PY' || fail "calibrate --json: see above"
import json, re, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
keys = ["count", "accuracy", "nll", "ece", "mce", "bins", "fittedT", "nllBefore", "nllAfter", "eceBefore", "eceAfter"]
assert sorted(d) == sorted(keys), sorted(d)
assert d["count"] == 10000 and len(d["bins"]) == 15
assert sum(b["count"] for b in d["bins"]) == 10000
assert all(sorted(b) == ["accuracy", "confidence", "count", "hi", "lo"] for b in d["bins"])
assert 0 <= d["ece"] <= d["mce"] <= 1, (d["ece"], d["mce"])
assert 0.05 <= d["fittedT"] <= 20
assert d["nllAfter"] <= d["nllBefore"] + 0.01, "a T fitted on one half should not make the other much worse"
nll = float(re.search(r"^NLL \(mean cross-entropy, nats\): (\S+)$", text, re.M).group(1))
assert abs(nll - d["nll"]) < 1e-6, (nll, d["nll"])
ece = float(re.search(r"^ECE \(expected calibration error\): (\S+)$", text, re.M).group(1))
assert abs(ece - d["ece"]) < 1e-6, (ece, d["ece"])
PY

# --- eval: summary, --confusion, --worst, --png -------------------------------------------------
run eval 0 eval --threads 2
expect_line eval '^accuracy: 0\.99[0-9]{2} \(99[0-9]{2}/10000\)$'
grep -q confusion "$TMP/out" && fail "eval: the confusion matrix only with --confusion"
correct=$(sed -nE 's/^accuracy: .* \(([0-9]+)\/10000\)$/\1/p' "$TMP/out")
mean=$(sed -nE 's/^mean cross-entropy: (.*)$/\1/p' "$TMP/out")
printf '%.4f\n' "$(sed -nE 's/^NLL \(mean cross-entropy, nats\): (.*)$/\1/p' "$TMP/calibrate.txt")" |
  grep -qx "$mean" || fail "eval's mean cross-entropy $mean is not calibrate's NLL"

run confusion 0 eval --threads 2 --confusion
expect_line confusion '^confusion matrix \(rows: true label, columns: predicted\)$'
[ "$(grep -cE '^ +[0-9]: ' "$TMP/out")" = 10 ] || fail "confusion: want 10 rows"
diag=$(grep -E '^ +[0-9]: ' "$TMP/out" | awk '{sub(":", "", $1); s += $($1 + 2)} END {print s}')
[ "$diag" = "$correct" ] || fail "confusion: diagonal $diag, want the $correct right answers"
total=$(grep -E '^ +[0-9]: ' "$TMP/out" | awk '{for (i = 2; i <= 11; ++i) s += $i} END {print s}')
[ "$total" = 10000 ] || fail "confusion: entries add up to $total"

run worst 0 eval --threads 2 --worst 12 --png "$TMP/worst.png"
[ "$(grep -cE '^ +[0-9]+ +[0-9]+ +[0-9] +[0-9] +[0-9]+\.[0-9]{4}' "$TMP/out")" = 12 ] || fail "worst: want 12 rows"
grep -E '^ +[0-9]+ +[0-9]+ +[0-9] +[0-9] +[0-9]' "$TMP/out" | awk '{print $5}' >"$TMP/losses"
sort -grc "$TMP/losses" || fail "worst: losses not highest first"
expect_line worst "^contact sheet: $TMP/worst.png \(12 images"
# PNG header: width 10 tiles * 32 px, height 2 rows * 46 px.
python3 - "$TMP/worst.png" <<'PY' || fail "worst: PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (320, 92), (w, h)
PY

# The same model file through --model: the same answer.
run worst_model 0 eval --worst 12 --model "$SOURCE_DIR/assets/model.celab"
head -n 14 "$TMP/out" | tail -n 12 | awk '{print $5}' | cmp -s - "$TMP/losses" || fail "worst: --model differs"

[ "$failures" = 0 ] && echo "cli.confidence: all passed" || echo "cli.confidence: $failures failure(s)"
[ "$failures" = 0 ]
