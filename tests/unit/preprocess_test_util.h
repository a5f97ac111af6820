// Measurements on 28 x 28 model inputs, shared by the preprocessing and augmentation tests.
#pragma once

#include <cmath>
#include <span>

#include "data/model_input.h"

namespace celab::data::testing {

struct CentreOfMass {
  double x = 0, y = 0;
};

// In pixel indices, as MNIST defines it: sum(index * value) / sum(value).
inline CentreOfMass centre_of_mass(const ModelInput& in) {
  double total = 0, mx = 0, my = 0;
  for (int y = 0; y < kInputSide; ++y)
    for (int x = 0; x < kInputSide; ++x) {
      const double v = in[y * kInputSide + x];
      total += v;
      mx += x * v;
      my += y * v;
    }
  return {mx / total, my / total};
}

// Inclusive range of columns / rows holding any value > threshold.
struct InkBox {
  int x0 = kInputSide, x1 = -1, y0 = kInputSide, y1 = -1;
  int width() const { return x1 - x0 + 1; }
  int height() const { return y1 - y0 + 1; }
};

inline InkBox ink_box(const ModelInput& in, float threshold = 0.0f) {
  InkBox box;
  for (int y = 0; y < kInputSide; ++y)
    for (int x = 0; x < kInputSide; ++x)
      if (in[y * kInputSide + x] > threshold) {
        box.x0 = std::min(box.x0, x);
        box.x1 = std::max(box.x1, x);
        box.y0 = std::min(box.y0, y);
        box.y1 = std::max(box.y1, y);
      }
  return box;
}

inline double total_ink(std::span<const float> pixels) {
  double sum = 0;
  for (float v : pixels) sum += v;
  return sum;
}

inline double mean_abs_difference(const ModelInput& a, const ModelInput& b) {
  double sum = 0;
  for (int i = 0; i < kInputPixels; ++i) sum += std::abs(a[i] - b[i]);
  return sum / kInputPixels;
}

}  // namespace celab::data::testing
