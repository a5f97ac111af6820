#include "data/augment.h"

#include <algorithm>
#include <cmath>

namespace celab::data {
namespace {

constexpr int kSide = kInputSide;
constexpr int kGrid = 4;                                 // elastic control points per axis
constexpr float kGridStep = (kSide - 1) / float(kGrid - 1);  // 9 pixels between control points
constexpr float kCentre = 14.0f;                         // the recipe's centre of mass (pixel indices)

// Bilinear sample at (x, y) in pixel indices; outside the image is background.
float sample(const ModelInput& image, float x, float y) {
  const float fx = std::floor(x), fy = std::floor(y);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  if (x0 < -1 || y0 < -1 || x0 >= kSide || y0 >= kSide) return 0.0f;
  const float tx = x - fx, ty = y - fy;
  const auto at = [&](int xx, int yy) {
    return xx < 0 || yy < 0 || xx >= kSide || yy >= kSide ? 0.0f : image[yy * kSide + xx];
  };
  const float top = at(x0, y0) + tx * (at(x0 + 1, y0) - at(x0, y0));
  const float bottom = at(x0, y0 + 1) + tx * (at(x0 + 1, y0 + 1) - at(x0, y0 + 1));
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

}  // namespace

AugmentConfig no_augmentation() {
  return {.max_rotation_deg = 0, .min_scale = 1, .max_scale = 1, .max_aspect = 0, .max_shear = 0, .max_shift = 0,
          .elastic_amplitude = 0, .thicker_probability = 0, .thinner_probability = 0};
}

void augment(const ModelInput& in, ModelInput& out, nn::Rng& rng, const AugmentConfig& config) {
  const double angle = rng.uniform(-1, 1) * config.max_rotation_deg * 3.14159265358979323846 / 180;
  const double scale = rng.uniform(config.min_scale, config.max_scale);
  const double aspect = 1 + rng.uniform(-1, 1) * config.max_aspect;
  const double shear = rng.uniform(-1, 1) * config.max_shear;
  const float shift_x = static_cast<float>(rng.uniform(-1, 1) * config.max_shift);
  const float shift_y = static_cast<float>(rng.uniform(-1, 1) * config.max_shift);
  float grid_dx[kGrid][kGrid], grid_dy[kGrid][kGrid];
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      grid_dx[j][i] = static_cast<float>(rng.uniform(-1, 1) * config.elastic_amplitude);
      grid_dy[j][i] = static_cast<float>(rng.uniform(-1, 1) * config.elastic_amplitude);
    }
  const double stroke_choice = rng.uniform();
  const float stroke_amount = static_cast<float>(rng.uniform(0.3, 1.0));

  // Forward map about the centre: p' = R(angle) * [[1, shear], [0, 1]] * diag(sx, sy) * p. Each output
  // pixel is pulled from the input through the inverse, diag(1/sx, 1/sy) * [[1, -shear], [0, 1]] * R(-angle).
  const double sx = scale * aspect, sy = scale / aspect, c = std::cos(angle), s = std::sin(angle);
  const double r00 = c, r01 = s, r10 = -s, r11 = c;  // R(-angle)
  const float m00 = static_cast<float>((r00 - shear * r10) / sx), m01 = static_cast<float>((r01 - shear * r11) / sx);
  const float m10 = static_cast<float>(r10 / sy), m11 = static_cast<float>(r11 / sy);

  ModelInput warped;
  for (int v = 0; v < kSide; ++v) {
    const float gy = v / kGridStep;
    const int j = std::min(static_cast<int>(gy), kGrid - 2);
    const float ty = gy - j;
    const float oy = v - kCentre - shift_y;
    for (int u = 0; u < kSide; ++u) {
      const float gx = u / kGridStep;
      const int i = std::min(static_cast<int>(gx), kGrid - 2);
      const float tx = gx - i;
      const auto lerp2 = [&](const float (&g)[kGrid][kGrid]) {
        const float top = g[j][i] + tx * (g[j][i + 1] - g[j][i]);
        const float bottom = g[j + 1][i] + tx * (g[j + 1][i + 1] - g[j + 1][i]);
        return top + ty * (bottom - top);
      };
      const float ox = u - kCentre - shift_x;
      const float x = kCentre + m00 * ox + m01 * oy + lerp2(grid_dx);
      const float y = kCentre + m10 * ox + m11 * oy + lerp2(grid_dy);
      warped[v * kSide + u] = sample(in, x, y);
    }
  }

  if (stroke_choice < config.thicker_probability) {
    blend_morphology(warped, out, stroke_amount, [](float a, float b) { return std::max(a, b); });
  } else if (stroke_choice < config.thicker_probability + config.thinner_probability) {
    blend_morphology(warped, out, stroke_amount, [](float a, float b) { return std::min(a, b); });
    // Erosion dims strokes too thin to lose a pixel; restoring the peak keeps them at full ink.
    const float peak = *std::max_element(out.begin(), out.end());
    const float restore = peak > 0 ? *std::max_element(warped.begin(), warped.end()) / peak : 0.0f;
    for (float& v : out) v = std::min(1.0f, v * restore);
  } else {
    out = warped;
  }
}

}  // namespace celab::data
