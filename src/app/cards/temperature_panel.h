// "Temperature and squared error": a slider T (0.1 to 10, logarithmic, 1 = PyTorch's) that divides
// the drawing's logits, so the probabilities, the loss and the gradients of the cards above follow,
// with the predicted class said to stay; then the drawing's squared error on probabilities beside
// its cross-entropy, each with its gradient ∂/∂logits, and in words what happens to each push on
// the target's logit when the model is sure and wrong.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class TemperaturePanel {
 public:
  // Records "temperature/slider" and "temperature/reset".
  TemperaturePanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void draw_temperature(float inner);
  void draw_squared_error(const Prediction& p, float inner, const Fonts& fonts);

  AppState& state_;
  UiRects& rects_;
};

}  // namespace celab::app
