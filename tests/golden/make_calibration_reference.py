#!/usr/bin/env python3
"""Writes tests/golden/calibration_reference.json: calibration figures computed by PyTorch 1.13 in
float64 on a fixed random set of logits and labels, for tests/unit/test_calibration.cpp.

  - nll[T]: F.cross_entropy(logits / T, labels) for several temperatures T
  - at T = 1 and T = 2: the 15 equal-width confidence bins (lo, hi], ECE, MCE and accuracy, as the
    ECE code of Guo et al. 2017 computes them (softmax, confidence = max, bins by gt(lo) * le(hi))
  - the per-sample losses (reduction='none'), the 25 of highest loss (stable descending sort:
    equal losses by lower index), the confusion matrix (row = label)
  - a temperature fitted by torch.optim.LBFGS on log T over the even-indexed half (the fit half),
    and the odd-indexed half's NLL and ECE before and after it

The set has rows repeated at other indices (equal losses: the tie rule) and rows of every degree
of confidence. Run: /usr/bin/python3 tests/golden/make_calibration_reference.py (deterministic).
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
N, C, BINS = 1200, 10, 15
TEMPERATURES = [0.25, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0]


def make_set():
    g = torch.Generator().manual_seed(18)
    labels = torch.randint(0, C, (N,), generator=g)
    scale = 0.3 + 5.0 * torch.rand(N, 1, generator=g, dtype=torch.float64)
    logits = torch.randn(N, C, generator=g, dtype=torch.float64) * scale
    # Most rows lean towards their label, by a random amount: an overconfident, mostly right set.
    lean = (torch.rand(N, generator=g, dtype=torch.float64) < 0.8).double() * 2.0 * scale[:, 0]
    logits[torch.arange(N), labels] += lean
    # Ties: rows repeated at other indices (same logits, same label, so the same loss), among them
    # the two of highest loss, so that the hardest list shows the tie rule.
    top = torch.sort(F.cross_entropy(logits, labels, reduction="none"), descending=True).indices[:2].tolist()
    for src, dst in [(top[0], 500), (top[0], 900), (top[1], 5), (3, 40), (250, 251)]:
        logits[dst] = logits[src]
        labels[dst] = labels[src]
    return logits, labels


def guo_bins(logits, labels, temperature):
    probs = F.softmax(logits / temperature, dim=1)
    confidences, predictions = torch.max(probs, 1)
    accuracies = predictions.eq(labels)
    edges = torch.linspace(0, 1, BINS + 1, dtype=torch.float64)
    bins, ece, mce = [], torch.zeros(1, dtype=torch.float64), 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = confidences.gt(lo.item()) * confidences.le(hi.item())
        if lo.item() == 0.0:
            in_bin = in_bin | confidences.eq(0.0)
        count = int(in_bin.sum())
        if count > 0:
            acc = accuracies[in_bin].double().mean()
            conf = confidences[in_bin].mean()
            gap = torch.abs(conf - acc)
            ece += gap * count / labels.shape[0]
            mce = max(mce, float(gap))
            bins.append({"lo": lo.item(), "hi": hi.item(), "count": count, "accuracy": float(acc),
                         "confidence": float(conf)})
        else:
            bins.append({"lo": lo.item(), "hi": hi.item(), "count": 0, "accuracy": 0.0, "confidence": 0.0})
    return {"temperature": temperature, "bins": bins, "ece": float(ece), "mce": mce,
            "accuracy": float(accuracies.double().mean()),
            "nll": float(F.cross_entropy(logits / temperature, labels))}


def fit_temperature(logits, labels):
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=1.0, max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    for _ in range(5):
        opt.step(closure)
    return float(log_t.exp())


def main():
    logits, labels = make_set()
    losses = F.cross_entropy(logits, labels, reduction="none")
    order = torch.sort(losses, descending=True, stable=True).indices
    predictions = logits.argmax(1)
    confusion = torch.zeros(C, C, dtype=torch.int64)
    for y, p in zip(labels.tolist(), predictions.tolist()):
        confusion[y, p] += 1
    fit_l, fit_y = logits[0::2], labels[0::2]
    held_l, held_y = logits[1::2], labels[1::2]
    t = fit_temperature(fit_l, fit_y)
    reference = {
        "generator": "tests/golden/make_calibration_reference.py",
        "torch": torch.__version__,
        "classes": C,
        "logits": logits.flatten().tolist(),
        "labels": labels.tolist(),
        "nll": [{"temperature": T, "nll": float(F.cross_entropy(logits / T, labels))} for T in TEMPERATURES],
        "reliability": [guo_bins(logits, labels, 1.0), guo_bins(logits, labels, 2.0)],
        "sample_losses": losses.tolist(),
        "hardest_25": order[:25].tolist(),
        "confusion": confusion.tolist(),
        "fit": {
            "temperature": t,
            "fit_nll_before": float(F.cross_entropy(fit_l, fit_y)),
            "fit_nll_after": float(F.cross_entropy(fit_l / t, fit_y)),
            "held_out_before": guo_bins(held_l, held_y, 1.0),
            "held_out_after": guo_bins(held_l, held_y, t),
        },
    }
    path = os.path.join(HERE, "calibration_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes); fitted T {t:.10f}")


if __name__ == "__main__":
    main()
