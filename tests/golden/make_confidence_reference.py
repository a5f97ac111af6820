#!/usr/bin/python3
"""Writes confidence_reference.json: the drawing's temperature and squared error as PyTorch 1.13
computes them in float64 with autograd, for tests/unit/test_confidence_golden.cpp.

For logits x (N, C), targets y, a temperature T and the loss options:
  softmax        F.softmax(x / T, dim=1)
  cross_entropy  F.cross_entropy(x / T, y, **options), and x.grad of its sum
  squared_error  ((F.softmax(x / T, 1) - q) ** 2).sum(1), reduced as PyTorch reduces (mean over rows
                 not ignored / sum / none), q = (1 - eps) one_hot(y) + eps / C; and x.grad of its sum
The gradients are with respect to the unscaled logits x: autograd carries them through the division.
Cases include a sure-and-wrong row (p[y] ~ 1e-9), where the cross-entropy's push on x_y is about -1
and the squared error's vanishes.

Run with Debian's python3-torch:  /usr/bin/python3 tests/golden/make_confidence_reference.py
Deterministic: every random tensor comes from a seeded torch.Generator.
"""
import json
import os

import torch
import torch.nn.functional as F

# The squared error on probabilities as the training criterion computes it: one definition for both
# reference files.
from make_criterion_reference import squared_error

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "confidence_reference.json")
TEMPERATURES = [0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0]


def case(name, logits, target, temperature, reduction="mean", label_smoothing=0.0, ignore_index=-100):
    y = torch.tensor(target, dtype=torch.int64)
    out = {"name": name, "logits": logits, "target": target, "temperature": temperature,
           "options": {"reduction": reduction, "label_smoothing": label_smoothing, "ignore_index": ignore_index}}
    x = torch.tensor(logits, dtype=torch.float64)
    out["softmax"] = F.softmax(x / temperature, dim=1).tolist()
    for criterion in ("cross_entropy", "squared_error"):
        x = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
        z = x / temperature
        if criterion == "cross_entropy":
            loss = F.cross_entropy(z, y, reduction=reduction, label_smoothing=label_smoothing,
                                   ignore_index=ignore_index)
        else:
            loss = squared_error(z, y, ignore_index, reduction, label_smoothing)
        loss.sum().backward()
        out[criterion] = {"loss": loss.detach().tolist(), "grad": x.grad.tolist()}
    return out


def main():
    g = torch.Generator().manual_seed(18)
    mild = (torch.randn(1, 10, generator=g, dtype=torch.float64) * 2).tolist()
    batch = (torch.randn(4, 10, generator=g, dtype=torch.float64) * 4).tolist()
    # A sure model's logits, as the shipped one gives a clear digit: class 3 by a wide margin.
    sure = [[-4.0, 1.5, 2.0, 22.0, -6.5, 3.0, -8.0, 0.5, 5.0, -1.0]]
    cases = []
    for t in TEMPERATURES:
        cases.append(case(f"sure and right, T={t}", sure, [3], t))
        cases.append(case(f"sure and wrong (target 7), T={t}", sure, [7], t))
        cases.append(case(f"mild, T={t}", mild, [4], t))
        cases.append(case(f"batch of 4, mean, T={t}", batch, [0, 9, 3, 3], t))
    cases.append(case("uniform logits, T=1", [[0.0] * 10], [5], 1.0))
    cases.append(case("sure and wrong, label smoothing 0.1, T=1", sure, [7], 1.0, label_smoothing=0.1))
    cases.append(case("sure and wrong, label smoothing 0.1, T=3", sure, [7], 3.0, label_smoothing=0.1))
    cases.append(case("batch of 4, sum, T=0.5", batch, [0, 9, 3, 3], 0.5, reduction="sum"))
    cases.append(case("batch of 4, none, T=2", batch, [0, 9, 3, 3], 2.0, reduction="none"))
    cases.append(case("batch of 4, one ignored, T=2", batch, [0, -100, 3, 3], 2.0))
    doc = {"generator": f"tests/golden/make_confidence_reference.py, torch {torch.__version__}, float64",
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
