// The model's answer for one input: the forward pass in evaluation mode, then softmax, log_softmax
// and the class. The CLI's predictions and the page's pipeline are this one function.
#pragma once

#include <array>
#include <span>
#include <string>

#include "nn/architecture.h"
#include "nn/model.h"

namespace celab::nn {

using ClassScores = std::array<float, kClasses>;

struct Classification {
  ClassScores logits{}, probabilities{}, log_probabilities{};
  int predicted = -1;         // argmax of the logits; -1 when a logit is not finite
  int non_finite_class = -1;  // the first class whose logit is NaN or infinite; -1 when all are finite

  // A model with finite but huge weights can overflow float arithmetic: then its probabilities and
  // class mean nothing (they are NaN, and predicted is -1).
  bool finite() const { return non_finite_class < 0; }
  // Why there is no answer, e.g. "the model's logit for class 3 is inf: its weights overflow float
  // arithmetic, so it gives no answer". Only when !finite().
  std::string non_finite_text() const;
};

// Writes into `out` (no allocation once the model's buffers are sized).
void classify(Model& model, std::span<const float, kInputSize> input, Classification& out);

}  // namespace celab::nn
