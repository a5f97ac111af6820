#!/usr/bin/python3
"""Writes mistakes_cases.json: what real PyTorch does with the common mistakes around nn.CrossEntropyLoss.

Run with Debian's python3-torch (PyTorch 1.13):  /usr/bin/python3 tests/golden/make_mistakes.py
Each example is one sample as the page's loss lab holds it (logits (1, C) in float64, a class index,
the loss options); for 3 classes (the reference article's example) and for 10 (MNIST). Each mistake
is the line a learner writes, run for real: the file holds either PyTorch's exception line
("IndexError: Target 3 is out of bounds.", as Python's traceback ends) or the loss it returns
(loss.tolist(): a number, or a list for reduction 'none') with the gradient of loss.sum() with
respect to the logits. The names of the mistakes are the library's (src/nn/loss_mistakes.h).
Deterministic: no randomness.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mistakes_cases.json")


def number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def numbers(v):
    return [numbers(e) for e in v] if isinstance(v, list) else number(v)


def demo_weight(C, y):
    """The weights of the weighted_mean mistake when the example has none: the target's class x3."""
    w = [1.0] * C
    w[y] = 3.0
    return w


# Each mistake: (logits, target, options) -> (input, target, options) of the mistaken call.
def softmax_as_logits(x, y, o):
    return x.softmax(dim=1), y, o


def log_softmax_first(x, y, o):
    return x.log_softmax(dim=1), y, o


def labels_from_one(x, y, o):
    return x, y + 1, o


def one_hot_float(x, y, o):
    return x, F.one_hot(y, x.shape[1]).float(), o


def one_hot_long(x, y, o):
    return x, F.one_hot(y, x.shape[1]), o


def index_column(x, y, o):
    return x, y.view(-1, 1), o


def float_indices(x, y, o):
    return x, y.float(), o


def all_ignored(x, y, o):
    return x, torch.full_like(y, o["ignore_index"]), dict(o, reduction="mean")


def weighted_mean(x, y, o):
    w = o["weight"] if o["weight"] is not None else demo_weight(x.shape[1], int(y[0]))
    return x, y, dict(o, weight=w, reduction="mean")


def ignore_real_class(x, y, o):
    return x, y, dict(o, ignore_index=0)


MISTAKES = [softmax_as_logits, log_softmax_first, labels_from_one, one_hot_float, one_hot_long, index_column,
            float_indices, all_ignored, weighted_mean, ignore_real_class]


def run(x_values, y_value, options, mistake=None):
    """Runs nn.CrossEntropyLoss on the (mistaken) call; returns PyTorch's outcome."""
    x = torch.tensor([x_values], dtype=torch.float64, requires_grad=True)
    y = torch.tensor([y_value])
    inp, target, o = (x, y, options) if mistake is None else mistake(x, y, options)
    weight = None if o["weight"] is None else torch.tensor(o["weight"], dtype=torch.float64)
    loss_fn = nn.CrossEntropyLoss(weight=weight, ignore_index=o["ignore_index"], reduction=o["reduction"],
                                  label_smoothing=o["label_smoothing"])
    try:
        loss = loss_fn(inp, target)
        loss.sum().backward()
    except (RuntimeError, IndexError, ValueError) as e:
        lines = str(e).splitlines()
        return {"error": type(e).__name__ + ": " + lines[0] if len(lines) == 1 else "multi-line: " + str(e)}
    return {"loss": numbers(loss.tolist()), "grad_logits": numbers(x.grad[0].tolist())}


MNIST_LOGITS = [-1.25, 0.5, 2.0, -0.75, 1.5, -2.5, 3.25, -0.5, 0.75, 1.0]
OPTION_SETS = [
    ("default", dict(weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0)),
    ("sum", dict(weight=None, ignore_index=-100, reduction="sum", label_smoothing=0.0)),
    ("none", dict(weight=None, ignore_index=-100, reduction="none", label_smoothing=0.0)),
    ("smoothing", dict(weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.1)),
    ("weight_sum", dict(weight="w", ignore_index=-100, reduction="sum", label_smoothing=0.0)),
    ("weight_smoothing", dict(weight="w", ignore_index=-100, reduction="mean", label_smoothing=0.25)),
    ("ignore_index_2", dict(weight=None, ignore_index=2, reduction="mean", label_smoothing=0.0)),
]

examples = []
for name, logits, targets in [("article", [-0.5, -0.2, -0.3], [0, 1, 2]), ("mnist", MNIST_LOGITS, [0, 6, 9])]:
    C = len(logits)
    for y in targets:
        for set_name, template in OPTION_SETS:
            o = dict(template)
            if o["weight"] == "w":
                o["weight"] = [0.5 + 0.25 * c for c in range(C)]
            example = {"name": f"{name}_y{y}_{set_name}", "logits": logits, "target": y, **o}
            example["correct"] = run(logits, y, o)
            example["mistakes"] = {m.__name__: run(logits, y, o, m) for m in MISTAKES}
            examples.append(example)

with open(OUT, "w") as f:
    json.dump({"generator": "tests/golden/make_mistakes.py, PyTorch " + torch.__version__ + ", float64",
               "demo_weight": "weighted_mean without weights: 1 per class, 3 for the target's class",
               "examples": examples}, f, indent=1)
    f.write("\n")
print(f"{len(examples)} examples x {len(MISTAKES)} mistakes -> {OUT}")
