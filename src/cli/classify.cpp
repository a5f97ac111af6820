#include "cli/classify.h"

#include <cmath>
#include <string>

#include "nn/eigen_types.h"
#include "nn/error_text.h"
#include "nn/softmax.h"

namespace celab::cli {

Classification classify(nn::Model& model, const data::ModelInput& input) {
  const Eigen::Map<const nn::RowMatrix<float>> x(input.data(), 1, data::kInputPixels);
  const auto logits = model.forward(x, nn::Mode::Eval);
  Classification c;
  Eigen::Map<nn::RowMatrix<float>> logits_out(c.logits.data(), 1, 10), probs_out(c.probabilities.data(), 1, 10);
  logits_out = logits;
  for (size_t k = 0; k < c.logits.size(); ++k)
    if (!std::isfinite(c.logits[k]))
      throw NonFiniteLogits("the model's logit for class " + std::to_string(k) + " is " + nn::number_text(c.logits[k]) +
                            ": its weights overflow float arithmetic, so it gives no answer");
  nn::softmax<float>(logits_out, probs_out);
  Eigen::Index best;
  logits_out.row(0).maxCoeff(&best);
  c.predicted = static_cast<int>(best);
  return c;
}

std::string ascii_art(const data::ModelInput& input) {
  static constexpr char kRamp[] = " .:-=+*#%@";
  std::string out;
  for (int y = 0; y < data::kInputSide; ++y) {
    for (int x = 0; x < data::kInputSide; ++x) {
      const float v = std::clamp(input[static_cast<size_t>(y * data::kInputSide + x)], 0.0f, 1.0f);
      const char c = kRamp[static_cast<int>(v * 9.0f + 0.5f)];
      out += c;
      out += c;  // two characters per pixel: terminal cells are about twice as tall as wide
    }
    out += '\n';
  }
  return out;
}

}  // namespace celab::cli
