// He (Kaiming) normal initialisation for layers followed by ReLU: N(0, 2 / fan_in).
#pragma once

#include <cmath>
#include <span>

#include "nn/rng.h"

namespace celab::nn {

inline void he_normal(std::span<float> weights, int fan_in, Rng& rng) {
  const double stddev = std::sqrt(2.0 / fan_in);
  for (float& w : weights) w = static_cast<float>(rng.normal(0.0, stddev));
}

}  // namespace celab::nn
