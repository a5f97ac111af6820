// What the network sees: 28 x 28 floats, row-major, 0 = background, 1 = ink, as MNIST / 255.
#pragma once

#include <array>

namespace celab::data {

inline constexpr int kInputSide = 28;
inline constexpr int kInputPixels = kInputSide * kInputSide;

using ModelInput = std::array<float, kInputPixels>;

}  // namespace celab::data
