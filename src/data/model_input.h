// What the network sees: one channel of side x side floats, row-major, 0 = background, 1 = ink, as
// MNIST / 255. The side is the network's (nn/architecture.h); MNIST's images have it too.
#pragma once

#include <array>

#include "nn/architecture.h"

namespace celab::data {

static_assert(nn::kInputChannels == 1 && nn::kInputHeight == nn::kInputWidth,
              "the preprocessing makes one square grey image");
inline constexpr int kInputSide = nn::kInputHeight;
inline constexpr int kInputPixels = nn::kInputSize;

using ModelInput = std::array<float, kInputPixels>;

}  // namespace celab::data
