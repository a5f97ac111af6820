// How the page colours its pictures: ink as light on a dark ground (the MNIST convention, so the
// canvas, the model input and the saliency map read the same way), and gradients on a diverging
// blue-orange scale. Fills RGBA buffers for GlTexture::upload.
#pragma once

#include <cstdint>
#include <span>

namespace celab::app::picture_colors {

// `ink` in [0, 1] per pixel (clamped) -> out, same count.
void ink(std::span<const float> ink, std::span<uint32_t> out);

// The saliency map: −dL/dinput scaled by 1 / `max_abs`, blue where more ink would lower the loss,
// orange where it would raise it, over the input's ink dimmed to a faint outline.
void saliency(std::span<const float> grad_input, float max_abs, std::span<const float> input, std::span<uint32_t> out);

}  // namespace celab::app::picture_colors
