#!/usr/bin/env python3
"""Writes tests/drawings/own_digits.jsonl: the project's own mouse-like digit drawings, for evaluation
only (never for training).

Each digit has several hand-designed skeletons, the shapes people actually draw (7 with and without a
bar, 1 plain / with a flag / with flag and base, open and closed 4, 9 with a straight or curved tail,
2 with and without a loop, ...), as strokes in a unit frame (x right, y down, height 1). Every
drawing then gets its own size, aspect, slant, rotation, position (not always centred), brush radius
(6..16), a slow hand wobble, and mouse-like sampling: uneven point spacing that follows a varying
hand speed, a little jitter, coordinates rounded to 0.1 px as browsers report them.

Seeded: running it again gives the same file. Plain python3, no third-party modules.
Usage: tests/drawings/generate_own_digits.py [--seed N] [--per-digit N] [--out FILE]
"""

import argparse
import json
import math
import os
import random

CANVAS = 280


# ---- skeleton primitives (unit frame: height 1, digits about 0.6 wide) -------------------------

def arc(cx, cy, rx, ry, a0, a1, n=24):
    """Points on an ellipse from angle a0 to a1 in degrees (0 = right, 90 = down)."""
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n))) for i in range(n + 1)]


def spline(points, per_segment=10):
    """Catmull-Rom curve through the points (ends repeated)."""
    p = [points[0]] + list(points) + [points[-1]]
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for k in range(per_segment):
            t = k / per_segment
            out.append(tuple(0.5 * (2 * p1[d] + (-p0[d] + p2[d]) * t + (2 * p0[d] - 5 * p1[d] + 4 * p2[d] - p3[d]) * t * t
                                    + (-p0[d] + 3 * p1[d] - 3 * p2[d] + p3[d]) * t ** 3) for d in range(2)))
    out.append(points[-1])
    return out


def line(*points):
    """A polyline with sharp corners (densified so wobble and resampling treat it like a curve)."""
    out = [points[0]]
    for a, b in zip(points, points[1:]):
        steps = max(2, int(math.dist(a, b) * 20))
        out += [(a[0] + (b[0] - a[0]) * k / steps, a[1] + (b[1] - a[1]) * k / steps) for k in range(1, steps + 1)]
    return out


def join(*parts):
    out = list(parts[0])
    for part in parts[1:]:
        out += part[1:] if out and math.dist(out[-1], part[0]) < 1e-9 else part
    return out


# ---- the skeletons: digit -> list of (name, strokes) -----------------------------------------------

SKELETONS = {
    0: [
        ("oval ccw from top", [arc(0.3, 0.5, 0.29, 0.5, -90, -90 - 372)]),
        ("oval cw with gap", [arc(0.3, 0.5, 0.27, 0.49, -100, -100 + 340)]),
        ("narrow leaning oval", [arc(0.25, 0.5, 0.2, 0.5, -80, -80 - 380)]),
        ("round with overshoot", [join(arc(0.32, 0.52, 0.31, 0.47, -60, -60 - 360),
                                       spline([(0.48, 0.12), (0.42, 0.06), (0.33, 0.05)]))]),
    ],
    1: [
        ("plain stick", [line((0.3, 0.0), (0.28, 1.0))]),
        ("flag", [line((0.08, 0.22), (0.32, 0.0), (0.32, 1.0))]),
        ("flag and base", [line((0.1, 0.2), (0.33, 0.0), (0.33, 1.0)), line((0.08, 1.0), (0.58, 1.0))]),
        ("slightly curved stick", [spline([(0.34, 0.0), (0.31, 0.45), (0.27, 1.0)])]),
    ],
    2: [
        ("classic", [join(arc(0.3, 0.28, 0.27, 0.27, 200, 385), line((0.545, 0.394), (0.02, 1.0), (0.62, 0.99)))]),
        ("loop at the bottom", [join(arc(0.3, 0.28, 0.27, 0.26, 195, 380),
                                     spline([(0.554, 0.368), (0.35, 0.62), (0.2, 0.8), (0.1, 0.88), (0.02, 0.86),
                                             (0.02, 0.74), (0.12, 0.7), (0.2, 0.78), (0.22, 0.9), (0.3, 0.98),
                                             (0.45, 0.99), (0.63, 0.96)]))]),
        ("flat top, Z-like", [join(spline([(0.03, 0.16), (0.2, 0.02), (0.42, 0.03), (0.52, 0.18), (0.45, 0.38),
                                           (0.02, 0.98)]), line((0.02, 0.98), (0.6, 0.98)))]),
        ("curly tail", [join(arc(0.3, 0.3, 0.26, 0.28, 210, 380),
                             spline([(0.544, 0.396), (0.3, 0.7), (0.05, 0.96), (0.3, 0.93), (0.52, 0.97),
                                     (0.62, 1.0)]))]),
    ],
    3: [
        ("two bumps", [spline([(0.04, 0.14), (0.28, 0.0), (0.5, 0.1), (0.5, 0.3), (0.22, 0.47), (0.52, 0.6),
                               (0.56, 0.82), (0.32, 1.0), (0.03, 0.9)])]),
        ("flat top", [join(line((0.04, 0.0), (0.56, 0.0), (0.22, 0.4)),
                           spline([(0.22, 0.4), (0.5, 0.5), (0.58, 0.76), (0.38, 0.98), (0.04, 0.9)]))]),
        ("small top, big bottom", [spline([(0.1, 0.08), (0.3, 0.0), (0.45, 0.12), (0.38, 0.33), (0.2, 0.4),
                                           (0.5, 0.5), (0.6, 0.75), (0.42, 0.97), (0.15, 0.98), (0.0, 0.85)])]),
    ],
    4: [
        ("open, two strokes", [line((0.08, 0.0), (0.04, 0.62), (0.62, 0.6)), line((0.46, 0.05), (0.46, 1.0))]),
        ("closed, two strokes", [line((0.42, 0.0), (0.0, 0.66), (0.64, 0.66)), line((0.46, 0.02), (0.46, 1.0))]),
        ("closed, one stroke", [line((0.46, 1.0), (0.46, 0.0), (0.0, 0.66), (0.64, 0.66))]),
        ("open, slanted arm", [line((0.22, 0.0), (0.02, 0.6), (0.6, 0.6)), line((0.5, 0.22), (0.44, 1.0))]),
    ],
    5: [
        ("bar last", [join(line((0.12, 0.0), (0.08, 0.42)),
                           spline([(0.08, 0.42), (0.33, 0.36), (0.55, 0.52), (0.56, 0.78), (0.32, 0.98),
                                   (0.02, 0.9)])), line((0.12, 0.0), (0.58, 0.01))]),
        ("one stroke", [join(line((0.58, 0.0), (0.12, 0.0), (0.08, 0.44)),
                             spline([(0.08, 0.44), (0.36, 0.38), (0.57, 0.56), (0.52, 0.85), (0.25, 1.0),
                                     (0.02, 0.88)]))]),
        ("round belly, bar first", [line((0.14, 0.02), (0.6, 0.0)),
                                    join(line((0.14, 0.02), (0.1, 0.38)),
                                         arc(0.3, 0.67, 0.28, 0.31, -135, 150, 30))]),
    ],
    6: [
        ("curved stem", [spline([(0.52, 0.02), (0.22, 0.22), (0.05, 0.6), (0.12, 0.92), (0.35, 1.0), (0.55, 0.84),
                                 (0.5, 0.6), (0.28, 0.54), (0.08, 0.72)])]),
        ("straight stem", [join(line((0.45, 0.0), (0.08, 0.62)),
                                arc(0.3, 0.77, 0.24, 0.23, 180 - 30, 180 - 30 + 350))]),
        ("small loop", [spline([(0.48, 0.0), (0.25, 0.25), (0.12, 0.55), (0.14, 0.88), (0.32, 0.98), (0.48, 0.86),
                                (0.44, 0.7), (0.26, 0.68), (0.14, 0.8)])]),
    ],
    7: [
        ("plain", [line((0.02, 0.03), (0.6, 0.02), (0.22, 1.0))]),
        ("with bar", [line((0.02, 0.03), (0.6, 0.02), (0.24, 1.0)), line((0.18, 0.55), (0.56, 0.52))]),
        ("curved stem", [join(line((0.02, 0.05), (0.6, 0.02)),
                              spline([(0.6, 0.02), (0.42, 0.38), (0.32, 0.7), (0.3, 1.0)]))]),
        ("hooked start", [line((0.0, 0.14), (0.03, 0.0), (0.6, 0.01), (0.26, 1.0))]),
    ],
    8: [
        ("one stroke", [spline([(0.5, 0.1), (0.3, 0.0), (0.08, 0.12), (0.13, 0.34), (0.3, 0.47), (0.52, 0.64),
                                (0.5, 0.9), (0.3, 1.0), (0.08, 0.9), (0.1, 0.66), (0.3, 0.48), (0.47, 0.3),
                                (0.5, 0.1), (0.44, 0.04)])]),
        ("two circles", [arc(0.3, 0.24, 0.21, 0.24, -80, -80 - 365), arc(0.3, 0.74, 0.27, 0.26, -90, -90 + 365)]),
        ("snowman from left", [spline([(0.12, 0.12), (0.3, 0.0), (0.47, 0.12), (0.4, 0.36), (0.2, 0.5),
                                       (0.06, 0.75), (0.28, 1.0), (0.55, 0.8), (0.42, 0.55), (0.2, 0.38),
                                       (0.1, 0.2), (0.16, 0.08)])]),
    ],
    9: [
        ("straight tail", [join(arc(0.3, 0.27, 0.26, 0.26, -10, -10 - 360), line((0.556, 0.225), (0.52, 1.0)))]),
        ("curved tail", [join(arc(0.3, 0.27, 0.25, 0.26, 0, -360),
                              spline([(0.55, 0.27), (0.54, 0.6), (0.44, 0.9), (0.22, 1.0), (0.06, 0.92)]))]),
        ("slanted tail", [join(arc(0.33, 0.25, 0.24, 0.24, 10, 10 - 360), line((0.566, 0.292), (0.3, 1.0)))]),
        ("loop drawn first, tail separate", [arc(0.3, 0.27, 0.26, 0.27, -30, -30 - 370),
                                             line((0.57, 0.12), (0.54, 1.0))]),
    ],
}


# ---- one drawing ---------------------------------------------------------------------------------

def wobble(stroke, rng, amplitude):
    """A slow, smooth hand tremor: two random sinusoids of the arc length, on each axis."""
    length = [0.0]
    for a, b in zip(stroke, stroke[1:]):
        length.append(length[-1] + math.dist(a, b))
    waves = [(rng.uniform(1.5, 5.0), rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)) for _ in range(2)]
    return [(x + amplitude * sum(math.sin(f * s + px) for f, px, _ in waves) / 2,
             y + amplitude * sum(math.sin(f * s + py) for f, _, py in waves) / 2)
            for (x, y), s in zip(stroke, length)]


def mouse_sample(path, rng, base_step):
    """Resamples a dense path the way mouse events arrive: spacing follows a hand speed that drifts
    along the stroke (slow starts, faster middles), plus small jitter; browser-like 0.1 px rounding."""
    if len(path) < 2:
        return [path[0]]
    out = [path[0]]
    step = base_step * rng.uniform(0.3, 0.7)  # strokes start slowly
    travelled, i, carry = 0.0, 0, 0.0
    while i < len(path) - 1:
        a, b = path[i], path[i + 1]
        seg = math.dist(a, b)
        if carry + seg < step:
            carry += seg
            i += 1
            continue
        t = (step - carry) / seg
        point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        out.append(point)
        path = [point] + path[i + 1:]
        i, carry = 0, 0.0
        travelled += step
        step = max(1.5, min(3 * base_step, step * rng.uniform(0.75, 1.35) + (base_step - step) * 0.3))
    if math.dist(out[-1], path[-1]) > 0.5:
        out.append(path[-1])
    return [(round(x + rng.gauss(0, 0.35), 1), round(y + rng.gauss(0, 0.35), 1)) for x, y in out]


def make_drawing(label, skeleton, rng):
    radius = rng.choice([6, 7, 8, 9, 10, 10, 11, 12, 12, 13, 14, 15, 16, rng.uniform(6, 16)])
    radius = round(radius, 1)
    height = rng.uniform(max(95, 7 * radius), 225)  # no huge brush on a tiny digit
    aspect = rng.uniform(0.75, 1.3)
    slant = rng.uniform(-0.12, 0.38)       # x shift per unit of height above the middle: rightward lean
    rotation = math.radians(rng.uniform(-8, 8))
    wobble_amount = rng.uniform(0.004, 0.018)

    strokes = []
    for stroke in skeleton:
        pts = wobble(stroke, rng, wobble_amount)
        placed = []
        for x, y in pts:
            x = (x - 0.3) * aspect + slant * (0.5 - y)
            y = y - 0.5
            x, y = x * math.cos(rotation) - y * math.sin(rotation), x * math.sin(rotation) + y * math.cos(rotation)
            placed.append((x * height, y * height))
        strokes.append(placed)

    # Position: the drawing's box plus brush must stay on the canvas; often near the centre, not always.
    xs = [x for s in strokes for x, _ in s]
    ys = [y for s in strokes for _, y in s]
    margin = radius + 3
    lo_x, hi_x = margin - min(xs), CANVAS - margin - max(xs)
    lo_y, hi_y = margin - min(ys), CANVAS - margin - max(ys)
    if lo_x > hi_x or lo_y > hi_y:
        return None
    if rng.random() < 0.55:
        cx = min(max(CANVAS / 2 + rng.gauss(0, 12), lo_x), hi_x)
        cy = min(max(CANVAS / 2 + rng.gauss(0, 12), lo_y), hi_y)
    else:
        cx, cy = rng.uniform(lo_x, hi_x), rng.uniform(lo_y, hi_y)

    base_step = rng.uniform(3.0, 13.0)
    sampled = [mouse_sample([(x + cx, y + cy) for x, y in s], rng, base_step) for s in strokes]
    return {"label": label, "canvas": [CANVAS, CANVAS], "brush_radius": radius,
            "strokes": [[[x, y] for x, y in s] for s in sampled]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--per-digit", type=int, default=30)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "own_digits.jsonl"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    drawings = []
    for label in range(10):
        variants = SKELETONS[label]
        for k in range(args.per_digit):
            _, skeleton = variants[k % len(variants)]
            drawing = None
            while drawing is None:  # rare: too big for the canvas with this brush; draw again
                drawing = make_drawing(label, skeleton, rng)
            drawings.append(drawing)
    with open(args.out, "w") as f:
        for d in drawings:
            f.write(json.dumps(d) + "\n")
    print(f"{args.out}: {len(drawings)} drawings")


if __name__ == "__main__":
    main()
