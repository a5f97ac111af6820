// The drawn digit's cross-entropy for the chosen target, large, and its breakdown: per class the
// logit, softmax, log-softmax and the gradient dL/dlogits (softmax − one-hot, smoothing and weights
// included) as bars; then the loss computed three ways.
#pragma once

#include "app/core/app_state.h"

namespace celab::app {

struct Fonts;

class LossPanel {
 public:
  explicit LossPanel(const AppState& state) : state_(state) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void draw_table(const Prediction& p, float inner);

  const AppState& state_;
};

}  // namespace celab::app
