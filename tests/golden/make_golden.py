#!/usr/bin/python3
"""Writes cross_entropy_cases.json: cross-entropy cases computed by real PyTorch.

Run with Debian's python3-torch (PyTorch 1.13):  /usr/bin/python3 tests/golden/make_golden.py
Same format as ../shared/golden/cross_entropy_cases.json (see its README.md): every case holds
the input, the target, the options and either PyTorch's output with the gradient of
output.sum() with respect to the input, or, where PyTorch raises, expect_error and its message.
The output is deterministic: every random tensor comes from torch.manual_seed.
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cross_entropy_cases.json")
INF = float("inf")
NAN = float("nan")

cases = []


def number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def add(name, x, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Runs F.cross_entropy in float64 and records the case (or PyTorch's error)."""
    x = torch.as_tensor(x, dtype=torch.float64).clone().requires_grad_(True)
    probs = torch.is_floating_point(target)
    if probs:
        target = target.to(torch.float64)
    if weight is not None:
        weight = torch.as_tensor(weight, dtype=torch.float64)
    case = {
        "name": name,
        "input_shape": list(x.shape),
        "input": [number(v) for v in x.detach().flatten().tolist()],
        "target_kind": "probs" if probs else "index",
        "target_shape": list(target.shape),
        "target": [number(v) for v in target.flatten().tolist()] if probs else target.flatten().tolist(),
        "weight": None if weight is None else [number(v) for v in weight.tolist()],
        "ignore_index": ignore_index,
        "reduction": reduction,
        "label_smoothing": label_smoothing,
    }
    try:
        out = F.cross_entropy(x, target, weight=weight, ignore_index=ignore_index, reduction=reduction,
                              label_smoothing=label_smoothing)
        out.sum().backward()
    except (RuntimeError, IndexError, ValueError) as e:
        case["expect_error"] = True
        case["error_hint"] = str(e).splitlines()[0]
    else:
        case["expect_error"] = False
        case["output_shape"] = list(out.shape)
        case["output"] = [number(v) for v in out.detach().flatten().tolist()]
        case["grad_input"] = [number(v) for v in x.grad.flatten().tolist()]
    if any(c["name"] == name for c in cases):
        sys.exit(f"duplicate case name {name}")
    cases.append(case)


def logits(seed, *shape, scale=3.0):
    torch.manual_seed(seed)
    return torch.randn(*shape, dtype=torch.float64) * scale


def index_target(seed, high, *shape):
    torch.manual_seed(seed)
    return torch.randint(0, high, shape)


def prob_target(seed, *shape):
    """Rows of class probabilities along dim 1 (dim 0 when unbatched)."""
    torch.manual_seed(seed)
    return torch.softmax(torch.randn(*shape, dtype=torch.float64) * 2, dim=1 if len(shape) > 1 else 0)


def weights(seed, n):
    torch.manual_seed(seed)
    return torch.rand(n, dtype=torch.float64) + 0.05


def with_ignored(target, positions, ignore_index=-100):
    target = target.clone()
    target.view(-1)[list(positions)] = ignore_index
    return target


# The worked example of the reference article, with its float32 logits as PyTorch stores them.
add("article_example", torch.tensor([[-0.5, -0.2, -0.3]], dtype=torch.float32), torch.tensor([0]))
add("article_example_float64", [[-0.5, -0.2, -0.3]], torch.tensor([0]))
add("article_example_unbatched", [-0.5, -0.2, -0.3], torch.tensor(0))

# Every option on a (4, 10) batch, for each reduction.
for seed, reduction in ((1, "mean"), (2, "sum"), (3, "none")):
    x = logits(seed, 4, 10)
    t = index_target(seed + 100, 10, 4)
    w = weights(seed + 200, 10)
    t_ignored = with_ignored(t, [1])
    t_three = t.clone()
    t_three[[0, 2]] = 3
    p = prob_target(seed + 300, 4, 10)
    r = reduction
    add(f"index_{r}", x, t, reduction=r)
    add(f"index_weight_{r}", x, t, w, reduction=r)
    add(f"index_ignore_default_{r}", x, t_ignored, w, reduction=r)
    add(f"index_ignore_3_{r}", x, t_three, ignore_index=3, reduction=r)
    add(f"index_ignore_3_weight_smooth0.2_{r}", x, t_three, w, ignore_index=3, reduction=r, label_smoothing=0.2)
    for eps in (0.1, 0.35, 1.0):
        add(f"index_smooth{eps}_{r}", x, t, reduction=r, label_smoothing=eps)
        add(f"index_smooth{eps}_weight_{r}", x, t, w, reduction=r, label_smoothing=eps)
        add(f"index_smooth{eps}_weight_ignore_{r}", x, t_ignored, w, reduction=r, label_smoothing=eps)
    add(f"probs_{r}", x, p, reduction=r)
    add(f"probs_weight_{r}", x, p, w, reduction=r)
    add(f"probs_smooth0.2_{r}", x, p, reduction=r, label_smoothing=0.2)
    add(f"probs_smooth0.2_weight_{r}", x, p, w, reduction=r, label_smoothing=0.2)
    add(f"probs_ignore_minus1_{r}", x, p, ignore_index=-1, reduction=r)
    add(f"probs_onehot_{r}", x, F.one_hot(t, 10).to(torch.float64), reduction=r)
    # (N, C, d1, ..., dk) inputs.
    xk1 = logits(seed + 10, 2, 5, 3)
    tk1 = index_target(seed + 110, 5, 2, 3)
    add(f"kdim1_{r}", xk1, tk1, reduction=r)
    add(f"kdim1_smooth0.3_{r}", xk1, tk1, reduction=r, label_smoothing=0.3)
    xk2 = logits(seed + 20, 2, 4, 2, 3)
    tk2 = with_ignored(index_target(seed + 120, 4, 2, 2, 3), [5])
    wk = [0.5, 1.0, 2.0, 0.25]
    add(f"kdim2_ignore_weight_{r}", xk2, tk2, wk, reduction=r)
    add(f"kdim2_ignore_weight_smooth0.15_{r}", xk2, tk2, wk, reduction=r, label_smoothing=0.15)
    add(f"kdim2_probs_{r}", xk2, prob_target(seed + 320, 2, 4, 2, 3), reduction=r)
    add(f"kdim2_probs_weight_smooth0.25_{r}", xk2, prob_target(seed + 320, 2, 4, 2, 3), wk, reduction=r,
        label_smoothing=0.25)
    xk3 = logits(seed + 30, 2, 3, 2, 2, 2)
    add(f"kdim3_{r}", xk3, index_target(seed + 130, 3, 2, 2, 2, 2), reduction=r)
    # Unbatched input (C) with a scalar target.
    xu = logits(seed + 40, 6)
    add(f"unbatched_index_{r}", xu, torch.tensor(4), reduction=r)
    add(f"unbatched_index_weight_smooth0.2_{r}", xu, torch.tensor(1), weights(seed + 240, 6), reduction=r,
        label_smoothing=0.2)
    add(f"unbatched_ignored_{r}", xu, torch.tensor(-100), reduction=r)
    add(f"unbatched_probs_{r}", xu, prob_target(seed + 340, 6), reduction=r)
    add(f"unbatched_probs_weight_smooth0.4_{r}", xu, prob_target(seed + 340, 6), weights(seed + 240, 6),
        reduction=r, label_smoothing=0.4)
    # Batches with no samples.
    add(f"empty_batch_{r}", torch.zeros(0, 3, dtype=torch.float64), torch.zeros(0, dtype=torch.long), reduction=r)
    add(f"empty_batch_probs_{r}", torch.zeros(0, 3, dtype=torch.float64), torch.zeros(0, 3, dtype=torch.float64),
        reduction=r)
    # Every target ignored: mean is 0/0.
    xa = logits(seed + 50, 3, 4)
    add(f"all_ignored_{r}", xa, torch.tensor([-100, -100, -100]), reduction=r)
    add(f"all_ignored_smooth0.3_weight_{r}", xa, torch.tensor([-100, -100, -100]), [1.0, 2.0, 3.0, 4.0],
        reduction=r, label_smoothing=0.3)
    # Weights that are zero on every present target (mean is 0/0, gradient NaN) or negative.
    add(f"zero_target_weights_{r}", xa, torch.tensor([0, 1, 1]), [0.0, 0.0, 1.0, 1.0], reduction=r)
    add(f"negative_weights_{r}", xa, torch.tensor([0, 1, 3]), [-1.0, 0.5, 2.0, -0.25], reduction=r)

# Extremes: huge and infinite logits, NaN, near-certain predictions (tiny losses).
huge = [[1e4, -1e4, 0.0, 5e3], [-3e4, -29999.0, -29998.0, -3e4]]
add("huge_logits", huge, torch.tensor([1, 2]))
add("huge_logits_smooth", huge, torch.tensor([0, 3]), label_smoothing=0.1)
add("huge_logits_weight_none", huge, torch.tensor([3, 0]), [1.0, 2.0, 3.0, 4.0], reduction="none")
add("huge_logits_probs", huge, prob_target(7, 2, 4))
add("minus_inf_logit_other_class", [[0.0, 0.0, -INF], [1.0, -INF, 2.0]], torch.tensor([0, 2]))
add("minus_inf_logit_target_class", [[0.0, 0.0, -INF]], torch.tensor([2]), reduction="none")
add("minus_inf_logit_smooth", [[0.0, 0.0, -INF]], torch.tensor([0]), label_smoothing=0.1)
add("plus_inf_logit", [[INF, 0.0, 0.0], [0.5, 0.25, 0.0]], torch.tensor([1, 0]), reduction="none")
add("nan_logit", [[NAN, 0.0, 0.0], [0.5, 0.25, 0.0]], torch.tensor([1, 0]), reduction="none")
add("nan_logit_ignored_row_smooth", [[NAN, 0.0, 0.0], [0.5, 0.25, 0.0]], torch.tensor([-100, 0]),
    label_smoothing=0.2)
add("near_certain_none", [[40.0, 0.0, -3.0], [25.0, 1.0, 2.0], [-8.0, 17.0, 0.0]], torch.tensor([0, 0, 1]),
    reduction="none")
add("near_certain_probs_none", [[40.0, 0.0, -3.0], [25.0, 1.0, 2.0]],
    torch.tensor([[1.0, 0.0, 0.0], [0.999, 0.0005, 0.0005]]), reduction="none")

# Shapes: one class, one row, ignore_index outside the class range, big batches and many classes.
add("single_class", logits(60, 5, 1), torch.zeros(5, dtype=torch.long))
add("single_class_smooth0.5", logits(61, 5, 1), torch.zeros(5, dtype=torch.long), label_smoothing=0.5)
add("single_row_none", logits(62, 1, 7), torch.tensor([6]), reduction="none")
add("ignore_index_beyond_classes", logits(63, 3, 3), torch.tensor([0, 5, 2]), ignore_index=5)
add("batch_256", logits(64, 256, 10), index_target(164, 10, 256))
add("batch_48_smooth0.1_weight_ignore", logits(65, 48, 10),
    with_ignored(index_target(165, 10, 48), range(0, 48, 9)), weights(265, 10), label_smoothing=0.1)
add("classes_1000_smooth0.1", logits(66, 2, 1000, scale=5.0), torch.tensor([17, 999]), label_smoothing=0.1)
add("classes_1000_probs_none", logits(67, 1, 1000, scale=5.0), prob_target(367, 1, 1000), reduction="none")

# Random mixtures of every option, one per seed.
for seed in range(1000, 1012):
    torch.manual_seed(seed)
    n, c = int(torch.randint(1, 9, ())), int(torch.randint(2, 13, ()))
    spatial = [int(d) for d in torch.randint(1, 4, (int(torch.randint(0, 3, ())),))]
    reduction = ["mean", "sum", "none"][int(torch.randint(0, 3, ()))]
    eps = [0.0, 0.05, 0.5][int(torch.randint(0, 3, ()))]
    w = weights(seed + 1, c) if bool(torch.randint(0, 2, ())) else None
    x = logits(seed + 2, n, c, *spatial, scale=4.0)
    if seed % 3 == 0:
        add(f"random_{seed}_probs", x, prob_target(seed + 3, n, c, *spatial), w, reduction=reduction,
            label_smoothing=eps)
    else:
        t = index_target(seed + 3, c, n, *spatial)
        t = torch.where(torch.rand(t.shape) < 0.2, torch.full_like(t, -100), t)
        add(f"random_{seed}_index", x, t, w, reduction=reduction, label_smoothing=eps)

# Where PyTorch raises.
x23 = logits(70, 2, 3)
add("error_target_out_of_range", x23, torch.tensor([0, 3]))
add("error_negative_target", x23, torch.tensor([0, -2]))
add("error_target_out_of_range_none", x23, torch.tensor([3, 0]), reduction="none")
add("error_target_out_of_range_smooth", x23, torch.tensor([0, 3]), label_smoothing=0.1)
add("error_ignore_index_is_not_minus_100", x23, torch.tensor([0, -100]), ignore_index=-1)
add("error_weight_size", x23, torch.tensor([0, 1]), [1.0, 1.0, 1.0, 1.0])
add("error_weight_size_probs", x23, prob_target(71, 2, 3), [1.0, 1.0])
add("error_batch_mismatch", x23, torch.tensor([0, 1, 2]))
add("error_scalar_target_for_batch", x23, torch.tensor(1))
add("error_unbatched_target_shape", logits(72, 3), torch.tensor([1]))
add("error_kdim_target_shape", logits(73, 2, 3, 4), torch.zeros(2, 3, dtype=torch.long))
add("error_kdim_batch_mismatch", logits(74, 2, 3, 4), torch.zeros(3, 4, dtype=torch.long))
add("error_kdim_target_out_of_range", logits(75, 2, 3, 2), torch.tensor([[0, 3], [1, 1]]), [1.0, 2.0, 3.0])
add("error_probs_shape", x23, prob_target(76, 2, 4))
add("error_probs_with_ignore_index", x23, prob_target(77, 2, 3), ignore_index=3)
add("error_smoothing_above_1", x23, torch.tensor([0, 1]), label_smoothing=1.5)
add("error_smoothing_above_1_probs", x23, prob_target(78, 2, 3), label_smoothing=1.5)

doc = {
    "generator": f"PyTorch {torch.__version__} torch.nn.functional.cross_entropy, float64 "
                 "(tests/golden/make_golden.py)",
    "grad_input": "gradient of output.sum() with respect to input",
    "non_finite": "written as the strings nan, inf, -inf",
    "cases": cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, indent=1, allow_nan=False)
errors = sum(c["expect_error"] for c in cases)
print(f"{OUT}: {len(cases)} cases ({errors} expect an error), {os.path.getsize(OUT)} bytes")
