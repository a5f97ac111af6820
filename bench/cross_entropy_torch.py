#!/usr/bin/python3
"""PyTorch's own cross-entropy forward + backward on the shapes of bench_cross_entropy.cpp, for
reference: /usr/bin/python3 bench/cross_entropy_torch.py  (Debian's PyTorch 1.13, one thread)."""
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
for n, c in ((65536, 10), (4096, 1000)):
    x = torch.randn(n, c) * 3
    t = torch.randint(0, c, (n,))
    best = float("inf")
    for _ in range(30):
        xr = x.clone().requires_grad_(True)
        start = time.perf_counter()
        F.cross_entropy(xr, t).backward()
        best = min(best, time.perf_counter() - start)
    print(f"torch float32 N={n} C={c}: {best * 1e3:.2f} ms, {n * c * 4 / best / 2**30:.2f} GiB/s of logits (best of 30)")
