#include "data/raster.h"

#include <algorithm>
#include <cmath>

namespace celab::data {
namespace {

// floor/ceil results as pixel indices, clamped in double first so far-away points cannot overflow.
int index_clamped(double v, int lo, int hi) { return static_cast<int>(std::clamp(v, double(lo), double(hi))); }

}  // namespace

void paint_segment(Image& canvas, Point a, Point b, double radius) {
  const auto sane = [](double v) { return std::abs(v) <= kMaxPaintCoordinate; };  // false for NaN
  if (!sane(a.x) || !sane(a.y) || !sane(b.x) || !sane(b.y) || !sane(radius) || !(radius > 0)) return;
  // Float arithmetic relative to `a`: within kMaxPaintCoordinate, exact to about 1/100 pixel.
  const float reach = static_cast<float>(radius) + 0.5f;  // coverage = reach - distance, clamped to [0, 1]
  const float ax = static_cast<float>(a.x);
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
    // Branch-free so the compiler vectorises it: coverage is 0 beyond `reach`, 1 within r - 0.5.
    for (int x = x_first; x <= x_last; ++x) {
      const float px = static_cast<float>(x) + (0.5f - ax);
      const float t = std::clamp((px * dx + py * dy) * inv_len2, 0.0f, 1.0f);
      const float ex = px - t * dx, ey = py - t * dy;
      const float coverage = std::clamp(reach - std::sqrt(ex * ex + ey * ey), 0.0f, 1.0f);
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
