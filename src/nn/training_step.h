// One training step on a batch, as PyTorch's loop writes it:
//   model.train(); optimizer.zero_grad(); loss = criterion(model(x), y); loss.backward(); optimizer.step()
// `celab train` and the page's training card both step through this class, so the same seed, data
// and batch order give the same weights, bit for bit, in both.
#pragma once

#include <cstdint>
#include <span>

#include "nn/cross_entropy.h"
#include "nn/eigen_types.h"
#include "nn/model.h"
#include "nn/optimizer.h"

namespace celab::nn {

struct StepResult {
  float loss = 0;   // the criterion's value (mean over the batch unless the options say otherwise)
  int rows = 0;     // samples in the batch
  int correct = 0;  // samples whose largest logit (before the update) is their target
};

class TrainingStep {
 public:
  // `model` must outlive the step; its parameters are the optimizer's.
  TrainingStep(Model& model, const OptimizerOptions& optimizer, CrossEntropyOptions<float> criterion = {});
  TrainingStep(const TrainingStep&) = delete;
  TrainingStep& operator=(const TrainingStep&) = delete;

  // x: (rows, 784) pixels in [0, 1]; targets: rows class indices.
  StepResult run(const Eigen::Ref<const RowMatrix<float>>& x, std::span<const int64_t> targets);

  void set_lr(double lr) { optimizer_.set_lr(lr); }
  const CrossEntropyOptions<float>& criterion() const { return criterion_; }
  void set_criterion(CrossEntropyOptions<float> criterion) { criterion_ = std::move(criterion); }

 private:
  Model& model_;
  Optimizer optimizer_;
  CrossEntropyOptions<float> criterion_;
  RowMatrix<float> grad_logits_;
};

}  // namespace celab::nn
