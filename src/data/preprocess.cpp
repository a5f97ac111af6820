#include "data/preprocess.h"

#include <algorithm>
#include <cmath>

#include "data/raster.h"

namespace celab::data {
namespace {

using AxisMap = Preprocessor::AxisMap;

// Canvas values as ink amounts: clamped to [0, 1], NaN counts as 0 (std::max(0, NaN) is 0).
inline float ink(float v) { return std::min(std::max(0.0f, v), 1.0f); }

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

// Capacity for any ink box on a canvas side of `side` pixels, so the drawing loop never allocates as
// the box grows: n <= side cells, stride = ceil(20 / m) + 1 with m >= n, so n * stride <= 20 + 2 * side.
void reserve_axis(AxisMap& map, int side) {
  map.first.reserve(static_cast<size_t>(side));
  map.count.reserve(static_cast<size_t>(side));
  map.weights.reserve(static_cast<size_t>(kDigitBox + 2 * side));
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
    // Sixteen partial row sums: float addition is not associative, so a single running sum would
    // serialise the loop; with lanes it vectorises like the column sums.
    float lanes[16] = {};
    int x = 0;
    for (; x + 16 <= width; x += 16)
      for (int k = 0; k < 16; ++k) {
        const float v = ink(row[x + k]);
        lanes[k] += v;
        col_mass_[x + k] += v;
      }
    float row_sum = 0;
    for (; x < width; ++x) {
      const float v = ink(row[x]);
      row_sum += v;
      col_mass_[x] += v;
    }
    for (const float lane : lanes) row_sum += lane;
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
  reserve_axis(x_map_, width);
  reserve_axis(y_map_, height);
  rows_.reserve(static_cast<size_t>(kInputSide) * static_cast<size_t>(width));
  p.offset_x = place_axis(&col_mass_[p.box_x], p.box_width, p.scale);
  p.offset_y = place_axis(&row_mass_[p.box_y], p.box_height, p.scale);
  build_axis(x_map_, p.box_width, p.scale, p.offset_x);
  build_axis(y_map_, p.box_height, p.scale, p.offset_y);

  // Separable area averaging. First the box's canvas rows are added, weighted, into the 28 output
  // rows they overlap (contiguous multiply-adds over x: vectorised); then each of the box's
  // columns is spread over the output columns it overlaps (independent updates, no dependency
  // chain through one accumulator).
  const auto box_width = static_cast<size_t>(p.box_width);
  rows_.assign(kInputSide * box_width, 0.0f);
  for (int y = 0; y < p.box_height; ++y) {
    if (row_mass_[p.box_y + y] == 0.0f) continue;
    const float* row =
        &canvas.pixels[static_cast<size_t>(p.box_y + y) * static_cast<size_t>(width) + static_cast<size_t>(p.box_x)];
    const float* wy = &y_map_.weights[static_cast<size_t>(y) * static_cast<size_t>(y_map_.stride)];
    for (int k = 0; k < y_map_.count[y]; ++k) {
      float* target = &rows_[static_cast<size_t>(y_map_.first[y] + k) * box_width];
      const float w = wy[k];
      for (size_t x = 0; x < box_width; ++x) target[x] += w * ink(row[x]);
    }
  }
  out.fill(0.0f);
  for (size_t x = 0; x < box_width; ++x) {
    const float* wx = &x_map_.weights[x * static_cast<size_t>(x_map_.stride)];
    for (int k = 0; k < x_map_.count[x]; ++k) {
      const int u = x_map_.first[x] + k;
      for (int v = 0; v < kInputSide; ++v) out[v * kInputSide + u] += wx[k] * rows_[v * box_width + x];
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
