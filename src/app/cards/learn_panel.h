// "Learn this": one SGD step on the drawing with the chosen target (learning rate adjustable),
// the loss before -> after and the target's probability before -> after; "Reset model".
#pragma once

#include "app/core/app_state.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class LearnPanel {
 public:
  // Records "learn", "reset-model" and "learning-rate".
  LearnPanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  AppState& state_;
  UiRects& rects_;
};

// The loss options of the drawn digit's loss, in a card of their own.
class OptionsPanel {
 public:
  // Records the controls as draw_loss_options() does, without a prefix.
  OptionsPanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  AppState& state_;
  UiRects& rects_;
};

}  // namespace celab::app
