#include "app/core/state_summary.h"

#include <cmath>
#include <cstdio>

namespace celab::app {

std::string state_summary(const AppState& state) {
  char text[256];
  if (state.model_status() == LoadStatus::Loading) return "The model is loading.";
  if (state.model_status() == LoadStatus::Failed) return "The model could not be loaded: " + state.model_error();
  const Prediction& p = state.pipeline()->prediction();
  if (!p.has_digit) {
    std::snprintf(text, sizeof text, "Draw a digit. Target %d.", state.target());
    return text;
  }
  std::string summary;
  if (const auto label = state.pad().picture_label()) summary = "MNIST test digit, label " + std::to_string(*label) + ". ";
  if (!p.finite()) return summary + p.non_finite_text() + ".";
  const auto percent = static_cast<int>(std::lround(100.0 * p.probabilities[static_cast<size_t>(p.predicted)]));
  std::snprintf(text, sizeof text, "The model says %d, %d%%. Target %d: loss %.2f.", p.predicted, percent, state.target(),
                static_cast<double>(p.loss));
  return summary + text;
}

}  // namespace celab::app
