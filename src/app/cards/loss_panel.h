// The drawn digit's cross-entropy for the chosen target, large, and its breakdown: per class the
// logit, softmax, log-softmax and the gradient dL/dlogits (softmax − one-hot, smoothing and weights
// included) as bars; then the loss computed three ways.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class LossPanel {
 public:
  // Records the units switch ("units/nats", "units/bits").
  LossPanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void draw_table(const Prediction& p, float inner);

  AppState& state_;
  UiRects& rects_;
};

}  // namespace celab::app
