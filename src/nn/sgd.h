// Stochastic gradient descent with momentum and L2 weight decay, as PyTorch 1.13's torch.optim.SGD
// (no dampening, no Nesterov):
//   g = grad + weight_decay * p
//   b = g on the first step, then b = momentum * b + g      (only when momentum != 0)
//   p -= lr * (momentum != 0 ? b : g)
// With the defaults (momentum 0, no decay) one step is p -= lr * grad: the app's "Learn this".
#pragma once

#include <cstdint>
#include <vector>

#include "nn/parameter.h"

namespace celab::nn {

// Doubles, as PyTorch's Python floats; used as floats in the update, as PyTorch does.
struct SgdOptions {
  double lr = 0.01;
  double momentum = 0.0;
  double weight_decay = 0.0;
};

class Sgd {
 public:
  // The parameters' spans must outlive the optimizer.
  Sgd(std::vector<Parameter> parameters, SgdOptions options = {});

  void step();  // reads the gradients, updates the values; does not zero the gradients
  void set_lr(double lr) { options_.lr = lr; }
  const SgdOptions& options() const { return options_; }

 private:
  std::vector<Parameter> parameters_;
  SgdOptions options_;
  std::vector<std::vector<float>> momentum_buffers_;  // empty until the first step with momentum
};

}  // namespace celab::nn
