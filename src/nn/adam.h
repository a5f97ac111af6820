// Adam, step for step as PyTorch 1.13's torch.optim.Adam (amsgrad off, L2 weight decay added to
// the gradient, not AdamW's decoupled decay):
//   g = grad + weight_decay * p
//   m = beta1 * m + (1 - beta1) * g;   v = beta2 * v + (1 - beta2) * g^2
//   p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
#pragma once

#include <cstdint>
#include <vector>

#include "nn/parameter.h"

namespace celab::nn {

// Doubles, as PyTorch's Python floats; each enters the float arithmetic where PyTorch casts it.
struct AdamOptions {
  double lr = 1e-3;
  double beta1 = 0.9, beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.0;
};

class Adam {
 public:
  // The parameters' spans must outlive the optimizer (Model::parameters() spans live with the model).
  Adam(std::vector<Parameter> parameters, AdamOptions options = {});

  void step();  // reads the gradients, updates the values; does not zero the gradients
  void set_lr(double lr) { options_.lr = lr; }
  const AdamOptions& options() const { return options_; }
  int64_t steps() const { return step_; }

 private:
  std::vector<Parameter> parameters_;
  AdamOptions options_;
  std::vector<std::vector<float>> m_, v_;
  int64_t step_ = 0;
};

}  // namespace celab::nn
