// What the architecture table (src/nn/architecture.h) implies, counted here from the table alone
// with the layers' textbook formulas, so tests that check the model's sizes follow any change to
// the table instead of repeating its numbers.
#pragma once

#include <cstdint>

#include "nn/architecture.h"

namespace celab::testing {

struct ArchitectureCounts {
  int64_t parameters = 0;  // trained values: conv and linear weights, linear bias, batch-norm affine
  int64_t macs = 0;        // multiply-adds of one image's forward pass (conv and linear)
};

constexpr ArchitectureCounts architecture_counts() {
  ArchitectureCounts n;
  int64_t c = nn::kInputChannels, h = nn::kInputHeight, w = nn::kInputWidth;
  for (const nn::LayerSpec& s : nn::kArchitecture) {
    switch (s.kind) {
      case nn::LayerKind::Conv2d:  // valid convolution without bias (batch norm follows)
        h -= s.kernel - 1;
        w -= s.kernel - 1;
        n.parameters += int64_t{s.in} * s.out * s.kernel * s.kernel;
        n.macs += h * w * s.out * s.in * s.kernel * s.kernel;
        c = s.out;
        break;
      case nn::LayerKind::BatchNorm: n.parameters += 2 * int64_t{s.in}; break;
      case nn::LayerKind::MaxPool2d:
        h /= s.kernel;
        w /= s.kernel;
        break;
      case nn::LayerKind::Flatten:
        c = c * h * w;
        h = w = 1;
        break;
      case nn::LayerKind::Linear:
        n.parameters += int64_t{s.in} * s.out + s.out;
        n.macs += int64_t{s.in} * s.out;
        c = s.out;
        break;
      case nn::LayerKind::Normalize:
      case nn::LayerKind::ReLU: break;
    }
  }
  return n;
}

}  // namespace celab::testing
