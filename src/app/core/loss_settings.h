// The options of nn.CrossEntropyLoss the page lets the user set: for the drawn digit's loss and,
// with ignore_index too, in the loss lab.
#pragma once

#include <array>
#include <string>
#include <cstdint>

#include "nn/cross_entropy.h"

namespace celab::app {

inline constexpr int kMaxClasses = 10;
inline constexpr int kDigitClasses = 10;

struct LossSettings {
  static constexpr double kMaxClassWeight = 10;
  static constexpr int64_t kNoIgnoreIndex = -100;  // PyTorch's default: no class is ignored

  double label_smoothing = 0;  // in [0, 1]
  bool weighted = false;       // pass `weight` at all (PyTorch's default: no weights)
  std::array<double, kMaxClasses> class_weights = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  // each in [0, kMaxClassWeight]
  nn::Reduction reduction = nn::Reduction::Mean;
  int64_t ignore_index = kNoIgnoreIndex;

  // The weight the loss gives class k: 1 unless weighted.
  double weight_of(int k) const { return weighted ? class_weights[static_cast<size_t>(k)] : 1.0; }
  bool is_default() const { return *this == LossSettings{}; }
  bool operator==(const LossSettings&) const = default;
};

// nn.CrossEntropyLoss(...) as Python would write it, e.g. "nn.CrossEntropyLoss(label_smoothing=0.1)".
// `classes`: how many weights to list.
std::string criterion_text(const LossSettings& settings, int classes);

}  // namespace celab::app
