// The sentence the page's ARIA live region reads out (src/app/core/state_summary.h).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "app/core/app_state.h"
#include "app/core/state_summary.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"

namespace celab::app {
namespace {

TEST(StateSummary, SaysWhatThePageShows) {
  AppState state(1);
  EXPECT_EQ(state_summary(state), "The model is loading.");
  state.load_model(data::read_file_bytes(cli::kDefaultModelPath), "model");
  state.set_target(3);
  state.refresh();
  EXPECT_EQ(state_summary(state), "Draw a digit. Target 3.");

  const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  const data::Drawing& seven = drawings[210];
  ASSERT_EQ(seven.label, 7);
  for (const data::Stroke& stroke : seven.strokes) {
    state.pad().begin_stroke(stroke[0]);
    for (size_t i = 1; i < stroke.size(); ++i) state.pad().extend_stroke(stroke[i]);
    state.pad().end_stroke();
  }
  state.refresh();
  const Prediction& p = state.pipeline()->prediction();
  ASSERT_EQ(p.predicted, 7);
  char expected[128];
  std::snprintf(expected, sizeof expected, "The model says 7, %d%%. Target 3: loss %.2f.",
                static_cast<int>(std::lround(100.0 * p.probabilities[7])), static_cast<double>(p.loss));
  EXPECT_EQ(state_summary(state), expected);
}

TEST(StateSummary, NamesAFailedModel) {
  AppState state(1);
  state.model_failed("model.celab: HTTP 404");
  EXPECT_EQ(state_summary(state), "The model could not be loaded: model.celab: HTTP 404");
}

}  // namespace
}  // namespace celab::app
