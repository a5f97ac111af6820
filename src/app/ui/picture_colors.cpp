#include "app/ui/picture_colors.h"

#include <algorithm>
#include <cmath>

#include "app/ui/theme.h"

namespace celab::app::picture_colors {
namespace {

struct Rgb {
  float r, g, b;
};

Rgb rgb_of(ImU32 c) {
  return {theme::channel(c, IM_COL32_R_SHIFT), theme::channel(c, IM_COL32_G_SHIFT),
          theme::channel(c, IM_COL32_B_SHIFT)};
}

Rgb mix(Rgb a, Rgb b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }

uint32_t pack(Rgb c) {
  const auto byte = [](float v) { return static_cast<uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return IM_COL32(byte(c.r), byte(c.g), byte(c.b), 255);
}

float unit(float v) { return std::clamp(std::isnan(v) ? 0.0f : v, 0.0f, 1.0f); }

}  // namespace

void ink(std::span<const float> ink, std::span<uint32_t> out) {
  const Rgb ground = rgb_of(theme::kPictureGround), light = rgb_of(theme::kPictureInk);
  // 256 levels are all a texture can show: a table instead of a mix per pixel.
  uint32_t table[256];
  for (int i = 0; i < 256; ++i) table[i] = pack(mix(ground, light, static_cast<float>(i) / 255.0f));
  for (size_t i = 0; i < ink.size(); ++i) out[i] = table[static_cast<int>(unit(ink[i]) * 255.0f + 0.5f)];
}

void saliency(std::span<const float> grad_input, float max_abs, std::span<const float> input, std::span<uint32_t> out) {
  const Rgb ground = rgb_of(theme::kPictureGround), outline = mix(ground, rgb_of(theme::kPictureInk), 0.22f);
  const Rgb lowers = rgb_of(theme::kGradientLowers), raises = rgb_of(theme::kGradientRaises);
  const float scale = max_abs > 0 && std::isfinite(max_abs) ? 1.0f / max_abs : 0.0f;
  for (size_t i = 0; i < grad_input.size(); ++i) {
    const Rgb base = mix(ground, outline, unit(input[i]));
    const float g = -grad_input[i] * scale;  // > 0: more ink here lowers the loss
    // A mild gamma keeps the weaker half of the map visible; the strongest pixel is full colour.
    const float strength = std::pow(unit(std::abs(g)), 0.7f);
    out[i] = pack(mix(base, g > 0 ? lowers : raises, strength));
  }
}

}  // namespace celab::app::picture_colors
