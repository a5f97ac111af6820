#!/usr/bin/env python3
"""Writes tests/golden/optimizer_reference.json: parameter values after each of 4 steps of
torch.optim.Adam and torch.optim.SGD (PyTorch 1.13), for tests/unit/test_optimizers.cpp.

The parameter starts at p0 and step s (s = 0..3) uses the gradient grad[s]; both are listed in
the file. Run: /usr/bin/python3 tests/golden/make_optimizer_reference.py
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
P0 = [0.5, -1.25, 2.0, 0.0, -0.03125, 3.5]
GRADS = [[math.sin(1.7 * k + s) * (s + 1) for k in range(len(P0))] for s in range(4)]

CASES = [
    ("adam", {"lr": 1e-3}),
    ("adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "weight_decay": 5e-4}),
]


def run(kind, options):
    p = torch.nn.Parameter(torch.tensor(P0, dtype=torch.float32))
    opt = (torch.optim.Adam if kind == "adam" else torch.optim.SGD)([p], **options)
    values = []
    for grad in GRADS:
        p.grad = torch.tensor(grad, dtype=torch.float32)
        opt.step()
        values.append([float(v) for v in p.detach().tolist()])
    return values


def main():
    cases = []
    for kind, options in CASES:
        cases.append({"optimizer": kind, "options": options, "values_after_step": run(kind, options)})
    reference = {"generator": "tests/golden/make_optimizer_reference.py", "torch": torch.__version__,
                 "p0": P0, "grads": [[float(torch.tensor(g, dtype=torch.float32)[k]) for k in range(len(g))]
                                     for g in GRADS], "cases": cases}
    path = os.path.join(HERE, "optimizer_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
