// Strokes to pixels: a round, anti-aliased brush. A pixel's value is its coverage by the brush,
// estimated from the distance d of its centre to the stroke's centre line: clamp(r + 0.5 - d, 0, 1)
// (a 1-pixel box filter across the edge), so a straight stroke's cross-section integrates to 2r.
// Overlapping paint combines by max: the order of painting never matters, which lets the app
// paint each new mouse segment onto the canvas as it arrives and get exactly render_drawing().
#pragma once

#include "data/drawing.h"
#include "data/image.h"

namespace celab::data {

// Coordinates (and radius) beyond this are nonsense, not drawings: such a segment paints nothing.
inline constexpr double kMaxPaintCoordinate = 1e5;

// Paints the capsule of radius `radius` around segment a-b (a == b: a dot) onto `canvas`.
// Coordinates are canvas pixels; parts outside the canvas are clipped; non-finite or absurd input
// (beyond kMaxPaintCoordinate) paints nothing.
void paint_segment(Image& canvas, Point a, Point b, double radius);

// Paints every segment of the polyline (a single point is a dot).
void paint_stroke(Image& canvas, const Stroke& stroke, double radius);

// Resets `canvas` to the drawing's canvas size and paints all its strokes with its brush.
void render_drawing(const Drawing& drawing, Image& canvas);

}  // namespace celab::data
