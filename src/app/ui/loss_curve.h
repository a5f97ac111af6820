// The loss card's −log p curve: L = −log p over p in (0, 1], the drawing's target on it (live), the
// uniform guess ln C marked, and the slope ∂L/∂x[y] = p[y] − 1 said in words; every loss in the
// page's units. Then the units switch, nats or bits, which every loss on the page follows.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/rects.h"

namespace celab::app {

// Records "units/nats" and "units/bits".
void draw_units_switch(AppState& state, UiRects& rects);

// The curve and its words for prediction `p` (a digit is drawn, its logits finite), `width` wide.
void draw_loss_curve(const AppState& state, const Prediction& p, float width);

}  // namespace celab::app
