// One training step on a batch, as PyTorch's loop writes it:
//   model.train(); optimizer.zero_grad(); loss = criterion(model(x), y); loss.backward(); optimizer.step()
// where the criterion is one of criterion.h's (PyTorch's nn.CrossEntropyLoss unless chosen otherwise).
// `celab train` and the page's training card both step through this class, so the same seed, data
// and batch order give the same weights, bit for bit, in both.
#pragma once

#include <cstdint>
#include <span>

#include "nn/criterion.h"
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
  // `loss_options`: label smoothing, weights and reduction as the criterion takes them.
  TrainingStep(Model& model, const OptimizerOptions& optimizer, Criterion criterion = Criterion::CrossEntropy,
               CrossEntropyOptions<float> loss_options = {});
  TrainingStep(const TrainingStep&) = delete;
  TrainingStep& operator=(const TrainingStep&) = delete;

  // x: (rows, 784) pixels in [0, 1]; targets: rows class indices.
  StepResult run(const Eigen::Ref<const RowMatrix<float>>& x, std::span<const int64_t> targets);

  void set_lr(double lr) { optimizer_.set_lr(lr); }
  Criterion criterion() const { return criterion_; }
  const CrossEntropyOptions<float>& loss_options() const { return loss_options_; }
  void set_loss_options(CrossEntropyOptions<float> options) { loss_options_ = std::move(options); }

 private:
  Model& model_;
  Optimizer optimizer_;
  Criterion criterion_;
  CrossEntropyOptions<float> loss_options_;
  RowMatrix<float> grad_logits_;
};

}  // namespace celab::nn
