#!/usr/bin/python3
"""The PyTorch 1.13 side of `./build.sh bench train`: one epoch of the celab network
(bench/celab_net_torch.py mirrors src/nn/architecture.h) on the 60,000 MNIST training images,
one thread, augmentation off, the same batch size, optimizer and learning rate as `celab train`
(--limit N: the first N images only, as `celab train --limit`).

Idiomatic and without handicaps: the IDX files are decoded once into one float tensor (no
DataLoader workers or per-item Python), each batch is an index_select of a shuffled order,
torch.optim.Adam, F.cross_entropy, zero_grad(set_to_none=True). Prints `epoch_seconds` (wall) and `epoch_cpu_seconds` (process CPU time)."""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from celab_net_torch import CelabNet  # noqa: E402


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N images only (0: all)")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte"))
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)  # (60000, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    if args.limit:
        x, y = x[:args.limit], y[:args.limit]

    net = CelabNet().train()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    order = torch.randperm(len(x))
    correct = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for first in range(0, len(x), args.batch_size):
        idx = order[first:first + args.batch_size]
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        logits = net(xb)
        loss = F.cross_entropy(logits, yb)
        loss.backward()
        opt.step()
        correct += (logits.argmax(1) == yb).sum().item()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"pytorch {torch.__version__}: train accuracy {correct / len(x):.4f}")
    print(f"epoch_seconds: {seconds:.2f}")
    print(f"epoch_cpu_seconds: {cpu_seconds:.2f}")


if __name__ == "__main__":
    main()
