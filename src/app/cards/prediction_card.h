// "Prediction": the ten class probabilities as bars, the predicted class highlighted, and the
// target selector (buttons 0-9; the keys 0-9 are handled by the app). An empty drawing shows
// "draw a digit" and no prediction; non-finite logits are reported, not drawn.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records the target buttons as "target/<k>".
class PredictionCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "prediction"; }

 private:
  void content() override;
  void draw_bars(const Prediction& p, float inner);
  void draw_target_selector(float inner);
  void draw_loss_summary();
};

// Shown in place of a prediction when the model is not there, or gives non-finite logits; returns
// whether it showed something (then there is no prediction to draw).
bool draw_model_problem(const AppState& state);

}  // namespace celab::app
