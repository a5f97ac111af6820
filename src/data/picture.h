// Pictures of digits from image files (`celab predict IMAGE.png`): decoded with stb_image, turned
// into an ink image that preprocess_canvas() takes like a drawing's canvas.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "data/image.h"

namespace celab::data {

inline constexpr int kMaxPictureSide = 8192;

// Decodes a PNG (grey or colour, 8 or 16 bits, with or without alpha) to luminance in [0, 1]
// (0 black, 1 white); transparent pixels count as white paper. Throws DataError naming `name`.
Image decode_png_luminance(std::span<const uint8_t> bytes, const std::string& name);

// Luminance to ink (0 background, 1 full ink). The background level is the median of the border
// pixels: on a light background the picture is inverted (dark ink on paper), then the background
// level maps to 0 and the strongest ink to 1, and faint noise under kPictureNoiseFloor of that
// range is dropped so it cannot widen the ink's bounding box. An MNIST-style picture (white digit on
// black) passes through unchanged apart from the faintest pixels.
inline constexpr float kPictureNoiseFloor = 0.02f;
Image ink_from_luminance(const Image& luminance);

// read_file_bytes + decode_png_luminance + ink_from_luminance.
Image read_png_ink(const std::string& path);

}  // namespace celab::data
