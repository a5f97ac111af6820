#!/usr/bin/env python3
"""Times one training step (forward, cross-entropy, backward, Adam) of the celab network in
PyTorch on one thread, for comparison with celab_bench's BM_TrainStep.

Usage: /usr/bin/python3 bench/model_step_torch.py [--batch 64] [--steps 200]
The network mirrors src/nn/architecture.h (see bench/celab_net_torch.py)."""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from celab_net_torch import CelabNet  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = CelabNet().train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(args.batch, 1, 28, 28)
    y = torch.randint(0, 10, (args.batch,))
    for _ in range(20):  # warm-up: oneDNN primitive caches, allocator
        opt.zero_grad(set_to_none=True)
        loss_fn(net(x), y).backward()
        opt.step()
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        opt.zero_grad(set_to_none=True)
        loss_fn(net(x), y).backward()
        opt.step()
    wall = (time.perf_counter() - start) / args.steps
    cpu = (time.process_time() - start_cpu) / args.steps
    print(f"pytorch {torch.__version__} threads=1 batch={args.batch}: {wall * 1e3:.2f} ms/step wall, "
          f"{cpu * 1e3:.2f} ms/step cpu; epoch estimate {cpu * 60000 / args.batch:.1f} s cpu")


if __name__ == "__main__":
    main()
