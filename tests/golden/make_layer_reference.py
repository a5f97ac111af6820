#!/usr/bin/env python3
"""Writes tests/golden/layer_reference.json: what PyTorch 1.13 computes for our layers, for
tests/unit/test_layer_reference.cpp to compare against.

Two cases, both with loss = sum(r * output) for a fixed r, so backward starts from dL/dy = r:
  "stack": conv(2->3, k3, no bias) -> batchnorm -> relu -> maxpool 2 -> flatten -> linear(12->4),
           on a (3, 2, 7, 6) input, in train mode then (after that step's running-stat update)
           in eval mode. Everything is dumped: outputs, dL/dx, every parameter gradient,
           running statistics.
  "model": the full network of src/nn/architecture.h (bench/celab_net_torch.py), 2 images,
           train mode and eval mode: logits, dL/dx, running statistics, and every gradient
           (tensors over 64 values in brief: sum, sum of |values|, the first 64).

Weights and inputs come from formula_values() below, mirrored in the C++ test, so the file
holds only results. Run: /usr/bin/python3 tests/golden/make_layer_reference.py
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from celab_net_torch import CelabNet  # noqa: E402


def formula_values(count, salt, scale=1.0, offset=0.0):
    """offset + scale * sin(0.61 * k + salt), k = 0..count-1, rounded to float32."""
    return [offset + scale * math.sin(0.61 * k + salt) for k in range(count)]


def fill(tensor, salt, scale=1.0, offset=0.0):
    with torch.no_grad():
        values = torch.tensor(formula_values(tensor.numel(), salt, scale, offset), dtype=torch.float64)
        tensor.copy_(values.float().reshape(tensor.shape))


def flat(t):
    return [float(f"{v:.8g}") for v in t.detach().reshape(-1).tolist()]


def summary(t):
    """A big tensor in brief: its sum, the sum of absolute values, and the first 64 values."""
    t = t.detach().double().reshape(-1)
    return {"sum": float(t.sum()), "abs_sum": float(t.abs().sum()), "head": flat(t[:64])}


def fill_parameters(module):
    """Parameter i (in named_parameters order) gets salt i, scale 0.3; batch-norm weights are
    kept near 1 (offset 1, scale 0.2) so activations stay in a normal range."""
    for i, (name, p) in enumerate(module.named_parameters()):
        if "bn" in name and name.endswith("weight"):
            fill(p, i, 0.2, 1.0)
        else:
            fill(p, i, 0.3)


def run(module, x, r, train, brief):
    module.train(train)
    x = x.clone().requires_grad_(True)
    module.zero_grad()
    y = module(x)
    (y * r).sum().backward()
    out = {"output": flat(y), "input_grad": flat(x.grad)}
    out["grads"] = {name: summary(p.grad) if brief and p.numel() > 64 else flat(p.grad)
                    for name, p in module.named_parameters()}
    out["running"] = {name: flat(b) for name, b in module.named_buffers() if "running" in name}
    return out


class Stack(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(2, 3, 3, bias=False)
        self.bn = torch.nn.BatchNorm2d(3)
        self.fc = torch.nn.Linear(12, 4)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.bn(self.conv(x))), 2)
        return self.fc(torch.flatten(x, 1))


def case(module, x_shape, r_shape, brief):
    fill_parameters(module)
    x = torch.zeros(x_shape)
    fill(x, 0.5, 0.5, 0.5)  # pixels in [0, 1]
    r = torch.zeros(r_shape)
    fill(r, 2.5)
    return {
        "input_shape": list(x_shape),
        "train": run(module, x, r, True, brief),  # updates the running statistics once
        "eval": run(module, x, r, False, brief),
    }


def main():
    torch.set_num_threads(1)
    reference = {
        "generator": "tests/golden/make_layer_reference.py",
        "torch": torch.__version__,
        "stack": case(Stack(), (3, 2, 7, 6), (3, 4), brief=False),
        "model": case(CelabNet(), (2, 1, 28, 28), (2, 10), brief=True),
    }
    path = os.path.join(HERE, "layer_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
