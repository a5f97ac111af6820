#include "data/augment.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace celab::data {
namespace {

constexpr int kSide = kInputSide;
constexpr int kGrid = AugmentDraw::kGrid;
constexpr float kGridStep = (kSide - 1) / float(kGrid - 1);  // 9 pixels between control points
constexpr float kCentre = 14.0f;                             // the recipe's centre of mass (pixel indices)

// The input with a 2-pixel border of background, so bilinear sampling needs no bounds checks:
// coordinates are clamped into [-2, 28.99], where every tap beyond the image reads the border.
constexpr int kPad = 2, kPadded = kSide + 2 * kPad;
using PaddedImage = std::array<float, kPadded * kPadded>;

void pad(const ModelInput& in, PaddedImage& out) {
  out.fill(0.0f);
  for (int y = 0; y < kSide; ++y) std::copy_n(&in[y * kSide], kSide, &out[(y + kPad) * kPadded + kPad]);
}

// Bilinear sample at (x, y) in pixel indices of the unpadded image; outside it is background.
float sample(const PaddedImage& image, float x, float y) {
  x = std::clamp(x, -2.0f, kSide + 0.99f);
  y = std::clamp(y, -2.0f, kSide + 0.99f);
  const float fx = std::floor(x), fy = std::floor(y);
  const float tx = x - fx, ty = y - fy;
  const float* p = &image[(static_cast<int>(fy) + kPad) * kPadded + static_cast<int>(fx) + kPad];
  const float top = p[0] + tx * (p[1] - p[0]);
  const float bottom = p[kPadded] + tx * (p[kPadded + 1] - p[kPadded]);
  return top + ty * (bottom - top);
}

// Grey dilation (max) or erosion (min) over the plus-shaped 5-pixel neighbourhood, blended with
// the original by `amount`; outside the image counts as background.
template <typename Combine>
void blend_morphology(const ModelInput& in, ModelInput& out, float amount, Combine combine) {
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x) {
      const float c = in[y * kSide + x];
      float m = c;
      m = combine(m, x > 0 ? in[y * kSide + x - 1] : 0.0f);
      m = combine(m, x + 1 < kSide ? in[y * kSide + x + 1] : 0.0f);
      m = combine(m, y > 0 ? in[(y - 1) * kSide + x] : 0.0f);
      m = combine(m, y + 1 < kSide ? in[(y + 1) * kSide + x] : 0.0f);
      out[y * kSide + x] = c + amount * (m - c);
    }
}

// Distance from (x, y) to the segment from a to b.
float distance_to_segment(float x, float y, PixelPoint a, PixelPoint b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float t = std::clamp(((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy), 0.0f, 1.0f);
  return std::hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}

}  // namespace

PixelPoint add_flag(ModelInput& image, const AugmentDraw& draw) {
  constexpr float kInk = 0.3f;  // a row with a pixel above this is part of the digit
  int top = -1, bottom = -1;
  std::array<float, kSide> row_sums{};
  for (int y = 0; y < kSide; ++y) {
    float sum = 0, peak = 0;
    for (int x = 0; x < kSide; ++x) {
      sum += image[y * kSide + x];
      peak = std::max(peak, image[y * kSide + x]);
    }
    row_sums[y] = sum;
    if (peak > kInk) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  if (top >= 0) {
    // A 1's rows each cross the stem once, so a row's ink is the stem's width; the median ignores
    // the serif or base some 1s have.
    std::array<float, kSide> widths{};
    const int rows = bottom - top + 1;
    std::copy_n(&row_sums[top], rows, widths.begin());
    std::nth_element(widths.begin(), widths.begin() + rows / 2, widths.begin() + rows);
    const float width = std::clamp(widths[rows / 2], 1.5f, 4.5f);
    // The stem's top: the ink-weighted middle of its first two rows, half a width below the edge.
    float weighted = 0, ink = 0;
    for (int y = top; y <= std::min(top + 1, bottom); ++y)
      for (int x = 0; x < kSide; ++x) weighted += x * image[y * kSide + x], ink += image[y * kSide + x];
    const PixelPoint from{weighted / ink, top + width / 2 - 0.5f};
    const float length = static_cast<float>(draw.flag_length * rows);
    const PixelPoint to{from.x - length * static_cast<float>(std::cos(draw.flag_angle)),
                        from.y + length * static_cast<float>(std::sin(draw.flag_angle))};
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x) {
        const float cover = std::clamp(width / 2 + 0.5f - distance_to_segment(x, y, from, to), 0.0f, 1.0f);
        image[y * kSide + x] = std::max(image[y * kSide + x], cover);
      }
  }
  float mass = 0, mx = 0, my = 0;
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x) {
      const float v = image[y * kSide + x];
      mass += v;
      mx += x * v;
      my += y * v;
    }
  return mass > 0 ? PixelPoint{mx / mass, my / mass} : PixelPoint{kCentre, kCentre};
}

AugmentConfig no_augmentation() {
  return {.max_rotation_deg = 0,
          .min_scale = 1,
          .max_scale = 1,
          .max_aspect = 0,
          .max_shear = 0,
          .max_shift = 0,
          .elastic_amplitude = 0,
          .thicker_probability = 0,
          .thinner_probability = 0,
          .one_flag_probability = 0};
}

AugmentDraw draw_augmentation(nn::Rng& rng, const AugmentConfig& config, int64_t label) {
  AugmentDraw d;
  d.angle = rng.uniform(-1, 1) * config.max_rotation_deg * 3.14159265358979323846 / 180;
  d.scale = rng.uniform(config.min_scale, config.max_scale);
  d.aspect = 1 + rng.uniform(-1, 1) * config.max_aspect;
  d.shear = rng.uniform(-1, 1) * config.max_shear;
  d.shift_x = static_cast<float>(rng.uniform(-1, 1) * config.max_shift);
  d.shift_y = static_cast<float>(rng.uniform(-1, 1) * config.max_shift);
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      d.grid_dx[j][i] = static_cast<float>(rng.uniform(-1, 1) * config.elastic_amplitude);
      d.grid_dy[j][i] = static_cast<float>(rng.uniform(-1, 1) * config.elastic_amplitude);
    }
  d.stroke_choice = rng.uniform();
  d.stroke_amount = rng.uniform(0.3, 1.0);
  constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180;
  d.flag = rng.uniform() < config.one_flag_probability && label == kFlaggedLabel;
  d.flag_angle = rng.uniform(config.min_flag_angle_deg, config.max_flag_angle_deg) * kRadiansPerDegree;
  d.flag_length = rng.uniform(config.min_flag_length, config.max_flag_length);
  return d;
}

void augment(const ModelInput& in, ModelInput& out, nn::Rng& rng, const AugmentConfig& config, int64_t label) {
  apply_augmentation(in, out, draw_augmentation(rng, config, label), config);
}

void apply_augmentation(const ModelInput& in, ModelInput& out, const AugmentDraw& d, const AugmentConfig& config) {
  const double angle = d.angle, scale = d.scale, aspect = d.aspect, shear = d.shear;
  const float shift_x = d.shift_x, shift_y = d.shift_y;
  const auto& grid_dx = d.grid_dx;
  const auto& grid_dy = d.grid_dy;

  // Forward map about the centre: p' = R(angle) * [[1, shear], [0, 1]] * diag(sx, sy) * p. Each output
  // pixel is pulled from the input through the inverse, diag(1/sx, 1/sy) * [[1, -shear], [0, 1]] * R(-angle).
  const double sx = scale * aspect, sy = scale / aspect, c = std::cos(angle), s = std::sin(angle);
  const double r00 = c, r01 = s, r10 = -s, r11 = c;  // R(-angle)
  const float m00 = static_cast<float>((r00 - shear * r10) / sx), m01 = static_cast<float>((r01 - shear * r11) / sx);
  const float m10 = static_cast<float>(r10 / sy), m11 = static_cast<float>(r11 / sy);

  // The elastic displacement at each column's position between control points (same for all rows).
  int grid_col[kSide];
  float grid_tx[kSide];
  for (int u = 0; u < kSide; ++u) {
    grid_col[u] = std::min(static_cast<int>(u / kGridStep), kGrid - 2);
    grid_tx[u] = u / kGridStep - grid_col[u];
  }
  // The point of the source that lands on the centre (before the shift): the centre itself, or the
  // centre of mass of a flagged 1, which the MNIST recipe would have centred.
  PixelPoint from{kCentre, kCentre};
  PaddedImage source;
  if (d.flag) {
    ModelInput flagged = in;
    from = add_flag(flagged, d);
    pad(flagged, source);
  } else {
    pad(in, source);
  }
  ModelInput warped;
  for (int v = 0; v < kSide; ++v) {
    // The control grid interpolated down to this row, then across per pixel.
    const int j = std::min(static_cast<int>(v / kGridStep), kGrid - 2);
    const float ty = v / kGridStep - j;
    float row_dx[kGrid], row_dy[kGrid];
    for (int i = 0; i < kGrid; ++i) {
      row_dx[i] = grid_dx[j][i] + ty * (grid_dx[j + 1][i] - grid_dx[j][i]);
      row_dy[i] = grid_dy[j][i] + ty * (grid_dy[j + 1][i] - grid_dy[j][i]);
    }
    const float oy = v - kCentre - shift_y;
    for (int u = 0; u < kSide; ++u) {
      const int i = grid_col[u];
      const float tx = grid_tx[u];
      const float ox = u - kCentre - shift_x;
      const float x = from.x + m00 * ox + m01 * oy + row_dx[i] + tx * (row_dx[i + 1] - row_dx[i]);
      const float y = from.y + m10 * ox + m11 * oy + row_dy[i] + tx * (row_dy[i + 1] - row_dy[i]);
      warped[v * kSide + u] = sample(source, x, y);
    }
  }

  if (d.stroke_choice < config.thicker_probability) {
    blend_morphology(warped, out, static_cast<float>(d.stroke_amount * config.max_thicken),
                     [](float a, float b) { return std::max(a, b); });
  } else if (d.stroke_choice < config.thicker_probability + config.thinner_probability) {
    blend_morphology(warped, out, static_cast<float>(d.stroke_amount * config.max_thin),
                     [](float a, float b) { return std::min(a, b); });
  } else {
    out = warped;
  }
}

}  // namespace celab::data
