// "Calibration": the reliability diagram of the page's test digits through the model that predicts
// now (the shipped one, or the training run's newest weights), at the drawing's temperature: 15
// confidence bins, accuracy against confidence, the gap shaded, the count of each bin under it; ECE,
// largest gap, NLL and accuracy; "Fit T" fits the temperature on one half and shows the other half
// before and after, and "Use this T" gives it to the drawing. Numbers: core/confidence_view.h.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/rects.h"
#include "imgui.h"

namespace celab::app {

struct Fonts;

class CalibrationPanel {
 public:
  // Records "calibration/fit" and "calibration/use".
  CalibrationPanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void draw_figures(const ConfidenceFigures& f, float inner);

  AppState& state_;
  UiRects& rects_;
  bool fit_shown_ = false;
};

// The reliability diagram of `calibration`, `size` large, at the cursor.
void draw_reliability_diagram(const nn::Calibration& calibration, ImVec2 size);

}  // namespace celab::app
