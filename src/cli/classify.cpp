#include "cli/classify.h"

#include <algorithm>
#include <string>

namespace celab::cli {

nn::Classification classify(nn::Model& model, const data::ModelInput& input) {
  nn::Classification c;
  nn::classify(model, input, c);
  if (!c.finite()) throw NonFiniteLogits(c.non_finite_text());
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
