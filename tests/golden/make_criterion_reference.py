#!/usr/bin/env python3
"""Writes tests/golden/criterion_reference.json: the three training criteria of src/nn/criterion.h
computed by PyTorch 1.13 in float64 with autograd, for tests/unit/test_criterion.cpp.

  cross_entropy  F.cross_entropy(x, y, **options)
  softmax_first  F.cross_entropy(x.softmax(1), y, **options)          (the mistake: softmax twice)
  squared_error  ((x.softmax(1) - q) ** 2).sum(1), reduced; q = (1 - eps) one_hot(y) + eps / C

Each case: logits (N, C) flattened, targets, options, the loss (reduced; a list for 'none') and the
gradient of loss.sum() with respect to the logits. Run: /usr/bin/python3 tests/golden/make_criterion_reference.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def squared_error(x, y, ignore_index, reduction, eps):
    c = x.shape[1]
    keep = y != ignore_index
    q = F.one_hot(torch.where(keep, y, torch.zeros_like(y)), c).to(x.dtype) * (1 - eps) + eps / c
    rows = ((x.softmax(1) - q) ** 2).sum(1) * keep.to(x.dtype)
    if reduction == "none":
        return rows
    if reduction == "sum":
        return rows.sum()
    return rows.sum() / keep.sum()


def compute(criterion, logits, target, options):
    x = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(target, dtype=torch.int64)
    weight = None if options["weight"] is None else torch.tensor(options["weight"], dtype=torch.float64)
    ce = dict(weight=weight, ignore_index=options["ignore_index"], reduction=options["reduction"],
              label_smoothing=options["label_smoothing"])
    if criterion == "cross_entropy":
        loss = F.cross_entropy(x, y, **ce)
    elif criterion == "softmax_first":
        loss = F.cross_entropy(x.softmax(1), y, **ce)
    else:
        loss = squared_error(x, y, options["ignore_index"], options["reduction"], options["label_smoothing"])
    loss.sum().backward()
    return loss.detach().tolist(), x.grad.tolist()


def logits_of(n, c, seed, scale):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(n, c, generator=g, dtype=torch.float64) * scale).tolist()


def options(weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    return dict(weight=weight, ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing)


def main():
    worked = [[-0.5, -0.2, -0.3]]
    sure_wrong = [[12.0, -3.0, 0.5, 1.0, -2.0, 0.0, 4.0, -1.0, 2.0, -0.5]]  # p[y=3] ~ 1.7e-5
    inputs = [
        ("worked example", worked, [0]),
        ("sure and wrong", sure_wrong, [3]),
        ("sure and right", sure_wrong, [0]),
        ("batch of 6, C = 10", logits_of(6, 10, 1, 3.0), [3, 1, 4, 1, 5, 9]),
        ("batch of 5, C = 3", logits_of(5, 3, 2, 1.0), [0, 2, 1, 1, 0]),
    ]
    option_sets = [
        ("defaults", options()),
        ("sum", options(reduction="sum")),
        ("none", options(reduction="none")),
        ("label smoothing 0.1", options(label_smoothing=0.1)),
        ("ignore_index 1", options(ignore_index=1)),
    ]
    cases = []
    for criterion in ("cross_entropy", "softmax_first", "squared_error"):
        for name, logits, target in inputs:
            for opt_name, opt in option_sets:
                loss, grad = compute(criterion, logits, target, opt)
                cases.append(dict(name=f"{criterion}: {name}, {opt_name}", criterion=criterion, logits=logits,
                                  target=target, options=opt, loss=loss, grad=grad))
        # Class weights apply to the cross-entropy criteria only.
        if criterion != "squared_error":
            c = 10
            weight = [0.5 + 0.25 * k for k in range(c)]
            loss, grad = compute(criterion, inputs[3][1], inputs[3][2], options(weight=weight))
            cases.append(dict(name=f"{criterion}: batch of 6, class weights", criterion=criterion,
                              logits=inputs[3][1], target=inputs[3][2], options=options(weight=weight), loss=loss,
                              grad=grad))
    floor = {str(c): math.log(math.e + c - 1) - 1 for c in (3, 10)}
    out = dict(generator=f"tests/golden/make_criterion_reference.py, torch {torch.__version__}, float64",
               softmax_first_floor=floor, cases=cases)
    with open(os.path.join(HERE, "criterion_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
