// What the training card lets the user choose before (and, for the learning rate, batch size and
// label smoothing, during) a run.
#pragma once

#include <cstdint>

#include "nn/criterion.h"
#include "nn/optimizer.h"

namespace celab::app {

struct TrainingOptions {
  static constexpr int kMinBatchSize = 1, kMaxBatchSize = 256;
  static constexpr double kMinLearningRate = 1e-5, kMaxLearningRate = 1.0;
  static constexpr double kAdamLearningRate = 2e-3;  // `celab train`'s peak learning rate
  static constexpr double kSgdLearningRate = 0.05;   // with momentum 0.9

  bool from_scratch = true;  // fresh He init from `seed`; otherwise the shipped model's weights
  uint64_t seed = 1;         // initialisation and the batches' order
  nn::OptimizerOptions optimizer{.kind = nn::OptimizerKind::Adam, .lr = kAdamLearningRate, .momentum = 0.9};
  int batch_size = 64;
  double label_smoothing = 0;
  nn::Criterion criterion = nn::Criterion::CrossEntropy;  // what the run minimises: fixed for the run

  static double default_learning_rate(nn::OptimizerKind kind) {
    return kind == nn::OptimizerKind::Adam ? kAdamLearningRate : kSgdLearningRate;
  }
  // Out-of-range values clamped into range (batch size, learning rate, label smoothing in [0, 1]).
  TrainingOptions clamped() const;
  bool operator==(const TrainingOptions&) const = default;
};

}  // namespace celab::app
