#include "data/preprocess.h"

#include <algorithm>
#include <cmath>

#include "data/raster.h"

namespace celab::data {
namespace {

using AxisMap = Preprocessor::AxisMap;

// Canvas values as ink amounts: anything not in (0, 1] (NaN included) is clamped.
inline float ink(float v) { return v > 0.0f ? std::min(v, 1.0f) : 0.0f; }

// Source cell i = [i, i+1) of an axis of n cells lands on [offset + i*scale, offset + (i+1)*scale)
// in the output; records its overlap with each output cell [u, u+1), u in 0..27.
void build_axis(AxisMap& map, int n, double scale, double offset) {
  map.stride = static_cast<int>(std::ceil(scale)) + 1;
  map.first.resize(static_cast<size_t>(n));
  map.count.resize(static_cast<size_t>(n));
  map.weights.resize(static_cast<size_t>(n) * static_cast<size_t>(map.stride));
  for (int i = 0; i < n; ++i) {
    const double lo = offset + i * scale, hi = lo + scale;
    const int u_first = std::max(0, static_cast<int>(std::floor(lo)));
    const int u_last = std::min(kInputSide - 1, static_cast<int>(std::ceil(hi)) - 1);
    map.first[i] = u_first;
    map.count[i] = std::max(0, u_last - u_first + 1);
    float* w = &map.weights[static_cast<size_t>(i) * static_cast<size_t>(map.stride)];
    for (int u = u_first; u <= u_last; ++u)
      w[u - u_first] = static_cast<float>(std::min(hi, u + 1.0) - std::max(lo, double(u)));
  }
}

// Integral of floor(t) from 0 to x: a piece of ink spread evenly over [a, b) of the output axis has
// sum(u * overlap with cell u) = floor_integral(b) - floor_integral(a).
double floor_integral(double x) {
  const double k = std::floor(x);
  return k * (x - k) + k * (k - 1) / 2;
}

// Centre of mass, in pixel indices, of the area-averaged output of an axis whose ink per source cell
// is `mass`, for a given offset; over all output cells, before any cropping at the 28 x 28 border.
double output_centre(const float* mass, int n, double scale, double offset) {
  double total = 0, moment = 0;
  for (int i = 0; i < n; ++i) {
    if (mass[i] == 0.0f) continue;
    const double lo = offset + i * scale;
    total += mass[i];
    moment += mass[i] * (floor_integral(lo + scale) - floor_integral(lo));
  }
  return moment / (total * scale);
}

// The offset that puts the output centre of mass at kInputCentre. The centre is a continuous,
// non-decreasing function of the offset with slope about 1: Newton steps with slope 1, kept inside
// a shrinking bracket (bisection when a step leaves it), converge in a few evaluations. The first
// bracket, "the scaled box covers the centre", always holds the solution. As in MNIST, a very
// lopsided digit may then stick out of the 28 x 28 frame a little and lose that ink.
double place_axis(const float* mass, int n, double scale) {
  double total = 0, moment = 0;
  for (int i = 0; i < n; ++i) {
    total += mass[i];
    moment += (i + 0.5) * mass[i];
  }
  double lo = kInputCentre - n * scale, hi = kInputCentre;
  // A continuous centre at kInputCentre + 0.5 is the index centre kInputCentre, up to pixelation.
  double offset = std::clamp(kInputCentre + 0.5 - moment / total * scale, lo, hi);
  for (int iteration = 0; iteration < 60; ++iteration) {
    const double error = output_centre(mass, n, scale, offset) - kInputCentre;
    if (std::abs(error) < 1e-4) break;
    (error > 0 ? hi : lo) = offset;
    if (hi - lo < 1e-7) break;
    const double next = offset - error;
    offset = next > lo && next < hi ? next : 0.5 * (lo + hi);
  }
  return offset;
}

}  // namespace

bool Preprocessor::canvas_to_input(const Image& canvas, ModelInput& out) {
  const int width = canvas.width, height = canvas.height;
  col_mass_.assign(static_cast<size_t>(width), 0.0f);
  row_mass_.assign(static_cast<size_t>(height), 0.0f);
  for (int y = 0; y < height; ++y) {
    const float* row = &canvas.pixels[static_cast<size_t>(y) * static_cast<size_t>(width)];
    float row_sum = 0;
    for (int x = 0; x < width; ++x) {
      const float v = ink(row[x]);
      row_sum += v;
      col_mass_[x] += v;
    }
    row_mass_[y] = row_sum;
  }
  const auto has_ink = [](float m) { return m > 0.0f; };
  const auto col_first = std::find_if(col_mass_.begin(), col_mass_.end(), has_ink);
  if (col_first == col_mass_.end()) return false;
  const auto row_first = std::find_if(row_mass_.begin(), row_mass_.end(), has_ink);
  Placement& p = placement_;
  p.box_x = static_cast<int>(col_first - col_mass_.begin());
  p.box_y = static_cast<int>(row_first - row_mass_.begin());
  p.box_width = static_cast<int>(std::find_if(col_mass_.rbegin(), col_mass_.rend(), has_ink).base() - col_first);
  p.box_height = static_cast<int>(std::find_if(row_mass_.rbegin(), row_mass_.rend(), has_ink).base() - row_first);
  p.scale = double(kDigitBox) / std::max(p.box_width, p.box_height);
  p.offset_x = place_axis(&col_mass_[p.box_x], p.box_width, p.scale);
  p.offset_y = place_axis(&row_mass_[p.box_y], p.box_height, p.scale);
  build_axis(x_map_, p.box_width, p.scale, p.offset_x);
  build_axis(y_map_, p.box_height, p.scale, p.offset_y);

  // Separable area averaging: each canvas row of the box is spread over the 28 columns, then
  // added into the output rows it overlaps.
  out.fill(0.0f);
  for (int y = 0; y < p.box_height; ++y) {
    if (y_map_.count[y] == 0 || row_mass_[p.box_y + y] == 0.0f) continue;
    float spread[kInputSide] = {};
    const float* row =
        &canvas.pixels[static_cast<size_t>(p.box_y + y) * static_cast<size_t>(width) + static_cast<size_t>(p.box_x)];
    for (int x = 0; x < p.box_width; ++x) {
      const float v = ink(row[x]);
      if (v == 0.0f) continue;
      const float* w = &x_map_.weights[static_cast<size_t>(x) * static_cast<size_t>(x_map_.stride)];
      for (int k = 0; k < x_map_.count[x]; ++k) spread[x_map_.first[x] + k] += v * w[k];
    }
    const float* wy = &y_map_.weights[static_cast<size_t>(y) * static_cast<size_t>(y_map_.stride)];
    for (int k = 0; k < y_map_.count[y]; ++k) {
      float* out_row = &out[static_cast<size_t>(y_map_.first[y] + k) * kInputSide];
      for (int u = 0; u < kInputSide; ++u) out_row[u] += wy[k] * spread[u];
    }
  }
  for (float& v : out) v = std::min(v, 1.0f);  // rounding can overshoot full ink by an ulp
  return true;
}

bool Preprocessor::drawing_to_input(const Drawing& drawing, ModelInput& out) {
  render_drawing(drawing, rendered_);
  return canvas_to_input(rendered_, out);
}

namespace {
Preprocessor& thread_preprocessor() {
  thread_local Preprocessor preprocessor;
  return preprocessor;
}
}  // namespace

std::optional<ModelInput> preprocess_canvas(const Image& canvas) {
  ModelInput input;
  if (!thread_preprocessor().canvas_to_input(canvas, input)) return std::nullopt;
  return input;
}

std::optional<ModelInput> preprocess_drawing(const Drawing& drawing) {
  ModelInput input;
  if (!thread_preprocessor().drawing_to_input(drawing, input)) return std::nullopt;
  return input;
}

}  // namespace celab::data
