#include "app/core/state_summary.h"

#include <cmath>
#include <cstdio>

#include "app/core/page_text.h"

namespace celab::app {

std::string state_summary(const AppState& state) {
  char text_buffer[512];
  if (state.model_status() == LoadStatus::Loading) return text(Text::spoken_loading);
  if (state.model_status() == LoadStatus::Failed) {
    std::snprintf(text_buffer, sizeof text_buffer, text(Text::spoken_failed), state.model_error().c_str());
    return text_buffer;
  }
  const Prediction& p = state.pipeline()->prediction();
  if (!p.has_digit) {
    std::snprintf(text_buffer, sizeof text_buffer, text(Text::spoken_empty), state.target());
    return text_buffer;
  }
  std::string summary;
  if (const auto label = state.pad().picture_label()) {
    std::snprintf(text_buffer, sizeof text_buffer, text(Text::spoken_test_digit), *label);
    summary = text_buffer;
  }
  if (!p.finite()) return summary + p.non_finite_text() + ".";
  const auto percent = static_cast<int>(std::lround(100.0 * p.probabilities[static_cast<size_t>(p.predicted)]));
  std::snprintf(text_buffer, sizeof text_buffer, text(Text::spoken_says), p.predicted, percent, state.target(),
                static_cast<double>(p.loss));
  return summary + text_buffer;
}

}  // namespace celab::app
