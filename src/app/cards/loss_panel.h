// The drawn digit's cross-entropy for the chosen target, large, and its breakdown: per class the
// logit, softmax, log-softmax and the gradient dL/dlogits (softmax − one-hot, smoothing and weights
// included) as bars; then the loss computed three ways.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/code_button.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class LossPanel {
 public:
  // Records the "PyTorch code" button as "code/drawing".
  LossPanel(const AppState& state, UiRects& rects) : state_(state), code_(CodeCard::Drawing, state, rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void draw_table(const Prediction& p, float inner);

  const AppState& state_;
  CodeButton code_;
};

}  // namespace celab::app
