#!/usr/bin/env bash
# Every celab command on bad input: a missing file, an empty file, a file in the wrong format,
# out-of-range numbers, NaN and infinite values. Each case must exit with code 2 and print exactly
# one line on stderr that names the input (the file or the option) and contains the problem; never
# "terminate called", a sanitizer report, a stack trace or a core dump. Run by ctest as
# cli_bad_input (also in the sanitizer build, tests/sanitize.sh).
#   usage: tests/cli/test_bad_input.sh [CELAB]   (default: build/native/celab)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CELAB="${1:-$ROOT/build/native/celab}"
MODEL="$ROOT/assets/model.celab"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cases=0 failures=0

# bad NAME NEEDLE ARGS...: `celab ARGS` must fail as described above; NEEDLE is a fixed string
# that the stderr line must contain (usually the file's path or the option, and the problem).
bad() {
  local name="$1" needle="$2"
  shift 2
  cases=$((cases + 1))
  "$CELAB" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  local rc=$? problems=()
  [ "$rc" = 2 ] || problems+=("exit code $rc, want 2")
  [ "$(wc -l <"$TMP/err")" = 1 ] || problems+=("$(wc -l <"$TMP/err") lines on stderr, want 1")
  grep -qF -- "$needle" "$TMP/err" || problems+=("stderr does not contain '$needle'")
  grep -qE 'terminate called|AddressSanitizer|LeakSanitizer|runtime error|Segmentation|Aborted|core dumped|#[0-9]+ 0x' \
    "$TMP/err" && problems+=("a crash report")
  if [ ${#problems[@]} -gt 0 ]; then
    failures=$((failures + 1))
    echo "FAIL $name: celab $*"
    printf '  %s\n' "${problems[@]}"
    sed 's/^/  stderr: /' "$TMP/err" | head -n 20
  fi
}

# --- Files to hand the commands -----------------------------------------------------------------
: >"$TMP/empty.json"
: >"$TMP/empty.png"
: >"$TMP/empty.celab"
printf 'hello, not JSON\n' >"$TMP/text.json"
cp "$MODEL" "$TMP/model_as.png"
cp "$MODEL" "$TMP/model_as.jsonl"
printf '{"label": 3, "canvas": [280, 280], "brush_radius": 10, "strokes": [[[10, 10], [50, 50]]]}\n' >"$TMP/good.jsonl"
sed 's/"label": 3/"label": 12/' "$TMP/good.jsonl" >"$TMP/label_range.jsonl"
sed 's/\[280, 280\]/[0, 280]/' "$TMP/good.jsonl" >"$TMP/canvas_zero.jsonl"
sed 's/\[50, 50\]/[50, 1e999]/' "$TMP/good.jsonl" >"$TMP/point_overflow.jsonl"
sed 's/\[50, 50\]/[50, NaN]/' "$TMP/good.jsonl" >"$TMP/point_nan.jsonl"
sed 's/\[50, 50\]/[50, 1e30]/' "$TMP/good.jsonl" >"$TMP/point_far.jsonl"
sed 's/"brush_radius": 10/"brush_radius": -1/' "$TMP/good.jsonl" >"$TMP/radius_negative.jsonl"
sed 's/"label": 3, //' "$TMP/good.jsonl" >"$TMP/unlabelled.jsonl"
{ cat "$TMP/good.jsonl"; printf '{"label": 1, "canvas": [28, 28], "strokes": []}\n'; } >"$TMP/second_line_bad.jsonl"
python3 - "$MODEL" "$TMP" <<'PY'
import struct, sys, zlib
model, tmp = open(sys.argv[1], "rb").read(), sys.argv[2]
body_end = struct.unpack_from("<I", model, 12)[0]
def with_crc(body):
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
open(tmp + "/truncated.celab", "wb").write(model[: len(model) // 2])
flipped = bytearray(model); flipped[body_end // 2] ^= 0x40
open(tmp + "/corrupt.celab", "wb").write(bytes(flipped))
body = bytearray(model[:body_end]); body[8:12] = struct.pack("<I", 7)
open(tmp + "/version7.celab", "wb").write(with_crc(bytes(body)))
for name, value in (("nan", float("nan")), ("inf", float("inf"))):  # the last weight, checksum made right
    body = bytearray(model[:body_end]); body[body_end - 4:body_end] = struct.pack("<f", value)
    open(tmp + "/weight_" + name + ".celab", "wb").write(with_crc(bytes(body)))
# Finite but huge weights: 3e38 everywhere in fc.weight makes every logit overflow to inf. Where its
# values are and how many comes from the file's own tensor record (name, rank, dims), not assumed.
body = bytearray(model[:body_end])
name = b"fc.weight"
at = body.index(bytes([len(name)]) + name) + 1 + len(name)
dims = struct.unpack_from("<%dI" % body[at], body, at + 1)
start, count = at + 1 + 4 * len(dims), 1
for d in dims: count *= d
body[start:start + 4 * count] = struct.pack("<f", 3e38) * count
open(tmp + "/huge_weights.celab", "wb").write(with_crc(bytes(body)))
# PNGs: truncated after the header; a 1 x 1 picture whose header claims 8192 x 8192; 0 x 0.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
def png(width, height, idat):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(idat)) + chunk(b"IEND", b"")
good = png(1, 1, b"\x00\x00")
open(tmp + "/truncated.png", "wb").write(good[:40])
open(tmp + "/huge_claim.png", "wb").write(png(8192, 8192, b"\x00\x00"))
open(tmp + "/zero_size.png", "wb").write(png(0, 0, b""))
# MNIST-style directories with broken files (only the t10k pair: eval reads those first).
import os
for name in ("no_files", "empty_files", "wrong_magic", "label_range", "count_mismatch"):
    os.makedirs(tmp + "/" + name)
def idx_images(count, rows=28, cols=28):
    return struct.pack(">IIII", 0x803, count, rows, cols) + bytes(count * rows * cols)
def idx_labels(labels):
    return struct.pack(">II", 0x801, len(labels)) + bytes(labels)
def mnist(dir, images, labels):
    for prefix in ("t10k", "train"):
        open(f"{tmp}/{dir}/{prefix}-images-idx3-ubyte", "wb").write(images)
        open(f"{tmp}/{dir}/{prefix}-labels-idx1-ubyte", "wb").write(labels)
mnist("empty_files", b"", b"")
mnist("wrong_magic", idx_labels([1, 2]), idx_labels([1, 2]))
mnist("label_range", idx_images(2), idx_labels([1, 200]))
mnist("count_mismatch", idx_images(2), idx_labels([1, 2, 3]))
PY

# --- celab loss: numbers on the command line ---------------------------------------------------
bad loss_inf_logit "--logits: 'inf' (row 1, value 1) is not a finite number" loss --logits=inf,1 --target=0
bad loss_overflow_logit "--logits: '1e999' (row 1, value 2) is out of range" loss --logits=1,1e999 --target=0
bad loss_nan_weight "--weight: 'nan' (value 2) is not a finite number" loss --logits=1,2 --target=0 --weight=1,nan
bad loss_inf_probs "--probs: '-inf' (row 1, value 1) is not a finite number" loss --logits=1,2 --probs=-inf,1
bad loss_nan_smoothing "label_smoothing nan is outside [0, 1]" loss --logits=1,2 --target=0 --label-smoothing=nan
bad loss_inf_smoothing "label_smoothing inf is outside [0, 1]" loss --logits=1,2 --target=0 --label-smoothing=inf
bad loss_target_overflow "--target: '99999999999999999999' (value 1) is out of range" \
  loss --logits=1,2 --target=99999999999999999999
bad loss_ignore_overflow "--ignore-index: '99999999999999999999' is out of range for a 64-bit integer" \
  loss --logits=1,2 --target=0 --ignore-index=99999999999999999999
bad loss_ignore_hex "--ignore-index: '0x10' is not a 64-bit integer" loss --logits=1,2 --target=0 --ignore-index=0x10
bad loss_empty_logits "--logits: no values in row 1" loss --logits=' ' --target=0

# --- celab check-golden FILE.json ----------------------------------------------------------------
golden() {  # NAME JSON: a file holding JSON, then its path on stdout
  printf '%s' "$2" >"$TMP/$1.json"
  echo "$TMP/$1.json"
}
CASE='"name": "a", "input_shape": [1, 3], "input": [1, 2, 3], "target_kind": "index", "target_shape": [1],
  "target": [0], "weight": null, "ignore_index": -100, "reduction": "mean", "label_smoothing": 0,
  "expect_error": false, "output_shape": [], "output": [1.4076], "grad_input": [-0.9, 0.24, 0.66]'
bad golden_missing "$TMP/none.json: cannot open" check-golden "$TMP/none.json"
bad golden_directory "$TMP: " check-golden "$TMP"
bad golden_empty "$TMP/empty.json: not valid JSON" check-golden "$TMP/empty.json"
bad golden_text "$TMP/text.json: not valid JSON" check-golden "$TMP/text.json"
bad golden_binary "$TMP/model_as.png: not valid JSON" check-golden "$TMP/model_as.png"
bad golden_top_array "top level is [1,2], expected an object" check-golden "$(golden top_array '[1,2]')"
bad golden_overflow "number overflow" \
  check-golden "$(golden overflow "{\"cases\": [{${CASE/\"output\": \[1.4076\]/\"output\": [1e999]}}]}")"
bad golden_shape_overflow 'field "output": "output_shape" shape [4294967296, 4294967296, 16] has more elements' \
  check-golden "$(golden shape_overflow "{\"cases\": [{${CASE/\"output_shape\": \[\]/\"output_shape\": [4294967296, 4294967296, 16]}}]}")"
bad golden_negative_dim 'field "input_shape": dimension 0 is -1, negative' \
  check-golden "$(golden negative_dim "{\"cases\": [{${CASE/\"input_shape\": \[1, 3\]/\"input_shape\": [-1, 3]}}]}")"
bad golden_big_integer 'field "ignore_index": the value is 18446744073709551615, too large' \
  check-golden "$(golden big_integer "{\"cases\": [{${CASE/-100/18446744073709551615}}]}")"
bad golden_nan_literal "not valid JSON" \
  check-golden "$(golden nan_literal "{\"cases\": [{${CASE/\"input\": \[1, 2, 3\]/\"input\": [NaN, 2, 3]}}]}")"
bad golden_newline_kind 'field "target_kind": is "in\ndex", expected "index" or "probs"' \
  check-golden "$(golden newline_kind "{\"cases\": [{${CASE/\"index\"/\"in\\ndex\"}}]}")"
bad golden_nan_tolerance "--tolerance: 'nan' is not a finite number" \
  check-golden "$(golden ok "{\"cases\": []}")" --tolerance=nan
bad golden_inf_tolerance "--tolerance: 'inf' is not a finite number" check-golden "$TMP/ok.json" --tolerance=inf
bad golden_negative_tolerance "--tolerance: '-1' is not a number > 0" check-golden "$TMP/ok.json" --tolerance=-1

# --- celab predict (--strokes FILE | IMAGE.png) [--model FILE] ----------------------------------
bad predict_strokes_missing "$TMP/none.jsonl: cannot open" predict --strokes "$TMP/none.jsonl"
bad predict_strokes_empty "$TMP/empty.json: no drawings in the file" predict --strokes "$TMP/empty.json"
bad predict_strokes_text "$TMP/text.json:1: invalid JSON" predict --strokes "$TMP/text.json"
bad predict_strokes_binary "$TMP/model_as.jsonl:1: invalid JSON" predict --strokes "$TMP/model_as.jsonl"
bad predict_label_range "$TMP/label_range.jsonl:1: label: expected a digit 0..9, got 12" \
  predict --strokes "$TMP/label_range.jsonl"
bad predict_canvas_zero "$TMP/canvas_zero.jsonl:1: canvas[0]: expected an integer 1..4096, got 0" \
  predict --strokes "$TMP/canvas_zero.jsonl"
bad predict_point_overflow "$TMP/point_overflow.jsonl:1: invalid JSON: number overflow" \
  predict --strokes "$TMP/point_overflow.jsonl"
bad predict_point_nan "$TMP/point_nan.jsonl:1: invalid JSON" predict --strokes "$TMP/point_nan.jsonl"
bad predict_point_far "$TMP/point_far.jsonl:1: strokes[0][1]: point [50,1e+30] is too far outside the 280 x 280 canvas" \
  \
  predict --strokes "$TMP/point_far.jsonl"
bad predict_radius "$TMP/radius_negative.jsonl:1: brush_radius: expected a number in (0, 1024], got -1" \
  predict --strokes "$TMP/radius_negative.jsonl"
bad predict_second_line "$TMP/second_line_bad.jsonl:2: brush_radius: missing" \
  predict --strokes "$TMP/second_line_bad.jsonl"
bad predict_image_missing "$TMP/none.png: cannot open" predict "$TMP/none.png"
bad predict_image_empty "$TMP/empty.png: not a readable PNG image" predict "$TMP/empty.png"
bad predict_image_wrong "$TMP/model_as.png: not a readable PNG image" predict "$TMP/model_as.png"
bad predict_image_truncated "$TMP/truncated.png: " predict "$TMP/truncated.png"
bad predict_image_huge "$TMP/huge_claim.png: truncated: a 8192 x 8192 PNG" predict "$TMP/huge_claim.png"
bad predict_image_zero "$TMP/zero_size.png: " predict "$TMP/zero_size.png"
bad predict_nothing "give --strokes FILE.json or an IMAGE.png" predict
bad predict_model_missing "$TMP/none.celab: cannot open" predict --strokes "$TMP/good.jsonl" --model "$TMP/none.celab"
bad predict_model_empty "$TMP/empty.celab: model file: truncated" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/empty.celab"
bad predict_model_wrong "$TMP/text.json: model file: not a celab model" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/text.json"
bad predict_model_truncated "$TMP/truncated.celab: model file: truncated" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/truncated.celab"
bad predict_model_corrupt "$TMP/corrupt.celab: model file: checksum mismatch" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/corrupt.celab"
bad predict_model_version "$TMP/version7.celab: model file: format version 7 at offset 8 is not supported" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/version7.celab"
bad predict_model_nan "$TMP/weight_nan.celab: model file: " \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/weight_nan.celab"
bad predict_model_inf "$TMP/weight_inf.celab: model file: " \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/weight_inf.celab"
bad predict_model_overflows "$TMP/huge_weights.celab: the model's logit for class 0 is inf" \
  predict --strokes "$TMP/good.jsonl" --model "$TMP/huge_weights.celab"

# --- celab eval-strokes FILE.jsonl [--model FILE] -----------------------------------------------
bad eval_strokes_missing "$TMP/none.jsonl: cannot open" eval-strokes "$TMP/none.jsonl"
bad eval_strokes_empty "$TMP/empty.json: no drawings in the file" eval-strokes "$TMP/empty.json"
bad eval_strokes_binary "$TMP/model_as.jsonl:1: invalid JSON" eval-strokes "$TMP/model_as.jsonl"
bad eval_strokes_unlabelled "$TMP/unlabelled.jsonl: drawing 1 has no \"label\"" eval-strokes "$TMP/unlabelled.jsonl"
bad eval_strokes_label_range "$TMP/label_range.jsonl:1: label: expected a digit 0..9, got 12" \
  eval-strokes "$TMP/label_range.jsonl"
bad eval_strokes_point_overflow "$TMP/point_overflow.jsonl:1: invalid JSON: number overflow" \
  eval-strokes "$TMP/point_overflow.jsonl"
bad eval_strokes_model "$TMP/corrupt.celab: model file: checksum mismatch" \
  eval-strokes "$TMP/good.jsonl" --model "$TMP/corrupt.celab"
bad eval_strokes_no_file "file is required" eval-strokes
bad eval_strokes_model_overflows "$TMP/huge_weights.celab: the model's logit for class 0 is inf" \
  eval-strokes "$TMP/good.jsonl" --model "$TMP/huge_weights.celab"

# --- celab eval [--model FILE] [--data DIR] [--threads T] ---------------------------------------
# (--threads cases with --data at an empty directory, so that a mistake cannot start an evaluation)
bad eval_data_missing "$TMP/none/t10k-images-idx3-ubyte: cannot open" eval --data "$TMP/none"
bad eval_data_no_files "$TMP/no_files/t10k-images-idx3-ubyte: cannot open" eval --data "$TMP/no_files"
bad eval_data_empty "$TMP/empty_files/t10k-images-idx3-ubyte: too short for an IDX file" eval --data "$TMP/empty_files"
bad eval_data_wrong_magic "$TMP/wrong_magic/t10k-images-idx3-ubyte: wrong magic number" eval --data "$TMP/wrong_magic"
bad eval_data_label_range "$TMP/label_range/t10k-labels-idx1-ubyte: label 200 of item 1" eval --data "$TMP/label_range"
bad eval_data_count_mismatch "has 2 images but $TMP/count_mismatch/t10k-labels-idx1-ubyte has 3 labels" \
  eval --data "$TMP/count_mismatch"
bad eval_model_empty "$TMP/empty.celab: model file: truncated" eval --model "$TMP/empty.celab"
bad eval_model_nan "$TMP/weight_nan.celab: model file: " eval --model "$TMP/weight_nan.celab"
bad eval_threads_zero "--threads: Value 0 not in range 1 to 256" eval --threads=0 --data "$TMP/no_files"
bad eval_threads_overflow "--threads: '99999999999999999999' is out of range for a 64-bit integer" \
  eval --threads=99999999999999999999 --data "$TMP/no_files"
bad eval_threads_nan "--threads: 'nan' is not a 64-bit integer" eval --threads=nan --data "$TMP/no_files"

# eval's --confusion / --worst N / --png FILE (the option cases fail before any evaluation, except
# --worst beyond the test set and an unwritable PNG, which need the real test set).
bad eval_worst_zero "--worst: Value 0 not in range" eval --worst 0 --data "$TMP/no_files"
bad eval_worst_word "--worst: 'many' is not a 64-bit integer" eval --worst many --data "$TMP/no_files"
bad eval_worst_fraction "--worst: '2.5' is not a 64-bit integer" eval --worst 2.5 --data "$TMP/no_files"
bad eval_png_alone "--png requires --worst" eval --png "$TMP/x.png" --data "$TMP/no_files"
bad eval_worst_too_many "--worst 10001 is more than the 10000 test images" eval --worst 10001
bad eval_png_unwritable "$TMP/none/x.png: cannot write the PNG file" eval --worst 2 --png "$TMP/none/x.png"

# --- celab calibrate [--model FILE] [--data DIR] [--threads T] [--json] --------------------------
bad calibrate_data_missing "$TMP/none/t10k-images-idx3-ubyte: cannot open" calibrate --data "$TMP/none"
bad calibrate_data_label_range "$TMP/label_range/t10k-labels-idx1-ubyte: label 200 of item 1" \
  calibrate --data "$TMP/label_range"
bad calibrate_model_empty "$TMP/empty.celab: model file: truncated" calibrate --model "$TMP/empty.celab"
bad calibrate_threads_zero "--threads: Value 0 not in range 1 to 256" calibrate --threads=0 --data "$TMP/no_files"
bad calibrate_json_value "--json" calibrate --json=maybe --data "$TMP/no_files"

# --- celab train (fails before any training) ----------------------------------------------------
# The option cases also point --data at an empty directory: were an option accepted by mistake,
# the case fails at once instead of training.
bad train_data_missing "$TMP/none/train-images-idx3-ubyte: cannot open" train --data "$TMP/none"
bad train_data_empty "$TMP/empty_files/train-images-idx3-ubyte: too short for an IDX file" \
  train --data "$TMP/empty_files"
bad train_data_label_range "$TMP/label_range/train-labels-idx1-ubyte: label 200 of item 1" \
  train --data "$TMP/label_range"
bad train_epochs_zero "--epochs: Value 0 not in range 1 to 1000" train --epochs=0 --data "$TMP/no_files"
bad train_epochs_overflow "--epochs: '99999999999999999999' is out of range for a 64-bit integer" \
  train --epochs=99999999999999999999 --data "$TMP/no_files"
bad train_epochs_octal_looking "--epochs: Value 1010 not in range 1 to 1000" train --epochs=01010 --data "$TMP/no_files"
bad train_seed_negative "--seed: Value -1 not in range" train --seed=-1 --data "$TMP/no_files"
bad train_seed_overflow "--seed: '99999999999999999999' is out of range for a 64-bit integer" \
  train --seed=99999999999999999999 --data "$TMP/no_files"
bad train_limit_negative "--limit: Value -5 not in range" train --limit=-5 --data "$TMP/no_files"
bad train_batch_zero "--batch-size: Value 0 not in range 1 to 4096" train --batch-size=0 --data "$TMP/no_files"
bad train_lr_nan "--lr: 'nan' is not a finite number" train --lr=nan --data "$TMP/no_files"
bad train_lr_inf "--lr: 'inf' is not a finite number" train --lr=inf --data "$TMP/no_files"
bad train_lr_negative "--lr: '-0.1' is not a number > 0" train --lr=-0.1 --data "$TMP/no_files"
bad train_optimizer "--optimizer: " train --optimizer=adamw --data "$TMP/no_files"
bad train_criterion "--criterion: criterion 'mse' is not one of cross_entropy, softmax_first, squared_error" \
  train --criterion=mse --data "$TMP/no_files"

echo "cli bad input: $cases cases, $failures failed"
[ "$failures" -eq 0 ]
