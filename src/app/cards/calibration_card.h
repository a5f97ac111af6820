// "Calibration": the reliability diagram of the page's test digits through the model that predicts
// now (the shipped one, or the training run's newest weights), at the drawing's temperature: 15
// confidence bins, accuracy against confidence, the gap shaded, the count of each bin under it; ECE,
// largest gap, NLL and accuracy; "Fit T" fits the temperature on one half and shows the other half
// before and after, and "Use this T" gives it to the drawing. Numbers: core/confidence_view.h.
#pragma once

#include "app/ui/card.h"
#include "imgui.h"

namespace celab::app {

// Records "calibration/diagram", "calibration/fit" and "calibration/use".
class CalibrationCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "calibration"; }

 private:
  void content() override;
  void draw_figures(const ConfidenceFigures& f, float inner);

  bool fit_shown_ = false;  // "Fit T" was pressed
};

// The confidence cards' figures, or null after drawing why there are none yet (no test digits, or
// their pass through the model still under way): the calibration and hardest-digits cards both start so.
const ConfidenceFigures* confidence_figures_or_why_not(const AppState& state);

// The reliability diagram of `calibration`, `size` large, at the cursor.
void draw_reliability_diagram(const nn::Calibration& calibration, ImVec2 size);

}  // namespace celab::app
