#include "nn/classify.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "nn/error_text.h"
#include "nn/softmax.h"

namespace celab::nn {

std::string Classification::non_finite_text() const {
  const float value = logits[static_cast<size_t>(non_finite_class)];
  return "the model's logit for class " + std::to_string(non_finite_class) + " is " + number_text(value) +
         ": its weights overflow float arithmetic, so it gives no answer";
}

void classify(Model& model, std::span<const float, kInputSize> input, Classification& out) {
  const Eigen::Map<const RowMatrix<float>> x(input.data(), 1, kInputSize);
  Eigen::Map<RowMatrix<float>> logits(out.logits.data(), 1, kClasses);
  logits = model.forward(x, Mode::Eval);
  const auto bad = std::find_if(out.logits.begin(), out.logits.end(), [](float v) { return !std::isfinite(v); });
  out.non_finite_class = bad == out.logits.end() ? -1 : static_cast<int>(bad - out.logits.begin());
  if (!out.finite()) {
    out.probabilities.fill(std::numeric_limits<float>::quiet_NaN());
    out.log_probabilities.fill(std::numeric_limits<float>::quiet_NaN());
    out.predicted = -1;
    return;
  }
  softmax<float>(logits, Eigen::Map<RowMatrix<float>>(out.probabilities.data(), 1, kClasses));
  log_softmax<float>(logits, Eigen::Map<RowMatrix<float>>(out.log_probabilities.data(), 1, kClasses));
  out.predicted = static_cast<int>(std::max_element(out.logits.begin(), out.logits.end()) - out.logits.begin());
}

}  // namespace celab::nn
