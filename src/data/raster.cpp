#include "data/raster.h"

#include <algorithm>
#include <cmath>

namespace celab::data {
namespace {

// floor/ceil results as pixel indices, clamped in double first so far-away points cannot overflow.
int index_clamped(double v, int lo, int hi) { return static_cast<int>(std::clamp(v, double(lo), double(hi))); }

}  // namespace

void paint_segment(Image& canvas, Point a, Point b, double radius) {
  if (!std::isfinite(a.x) || !std::isfinite(a.y) || !std::isfinite(b.x) || !std::isfinite(b.y) ||
      !std::isfinite(radius) || radius <= 0)
    return;
  // Coordinates relative to `a` in float: exact enough for canvases up to kMaxCanvasSide.
  const float reach = static_cast<float>(radius) + 0.5f;  // coverage is 0 beyond this distance
  const float inner = std::max(0.0f, static_cast<float>(radius) - 0.5f);  // coverage is 1 within this one
  const float reach2 = reach * reach, inner2 = inner * inner;
  const float dx = static_cast<float>(b.x - a.x), dy = static_cast<float>(b.y - a.y);
  const float len2 = dx * dx + dy * dy;
  const float inv_len2 = len2 > 0 ? 1.0f / len2 : 0.0f;
  // Rows reached, and per row the x-range of the band |distance to the infinite line| <= reach
  // (only when the segment is steep enough for that range to be narrower than its box).
  const double min_x = std::min(a.x, b.x) - reach, max_x = std::max(a.x, b.x) + reach;
  const int y_first = index_clamped(std::floor(std::min(a.y, b.y) - reach), 0, canvas.height);
  const int y_last = index_clamped(std::ceil(std::max(a.y, b.y) + reach), -1, canvas.height - 1);
  const bool use_band = std::abs(dy) > 0.5f * std::sqrt(len2);
  const double band_half = use_band ? reach * std::sqrt(len2) / std::abs(dy) : 0.0;
  for (int y = y_first; y <= y_last; ++y) {
    const float py = static_cast<float>(y + 0.5 - a.y);
    double lo = min_x, hi = max_x;
    if (use_band) {
      const double centre = a.x + py * dx / dy;
      lo = std::max(lo, centre - band_half);
      hi = std::min(hi, centre + band_half);
    }
    // Pixels whose centre x + 0.5 lies in [lo, hi].
    const int x_first = index_clamped(std::ceil(lo - 0.5), 0, canvas.width);
    const int x_last = index_clamped(std::floor(hi - 0.5), -1, canvas.width - 1);
    float* row = &canvas.at(0, y);
    for (int x = x_first; x <= x_last; ++x) {
      const float px = static_cast<float>(x + 0.5 - a.x);
      const float t = std::clamp((px * dx + py * dy) * inv_len2, 0.0f, 1.0f);
      const float ex = px - t * dx, ey = py - t * dy;
      const float d2 = ex * ex + ey * ey;
      if (d2 >= reach2) continue;
      const float coverage = d2 <= inner2 ? 1.0f : std::min(1.0f, reach - std::sqrt(d2));
      row[x] = std::max(row[x], coverage);
    }
  }
}

void paint_stroke(Image& canvas, const Stroke& stroke, double radius) {
  if (stroke.size() == 1) paint_segment(canvas, stroke[0], stroke[0], radius);
  for (size_t i = 1; i < stroke.size(); ++i) paint_segment(canvas, stroke[i - 1], stroke[i], radius);
}

void render_drawing(const Drawing& drawing, Image& canvas) {
  canvas.reset(drawing.canvas_width, drawing.canvas_height);
  for (const Stroke& stroke : drawing.strokes) paint_stroke(canvas, stroke, drawing.brush_radius);
}

}  // namespace celab::data
