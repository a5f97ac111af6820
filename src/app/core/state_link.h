// The page's state as a shared link carries it (data/shared_state.h): the strokes, the target and
// the loss options, out of the page and back in. A loaded MNIST test digit is not in a link (it is
// a picture, not strokes); the model's learning steps are not either.
#pragma once

#include "app/core/app_state.h"
#include "data/shared_state.h"

namespace celab::app {

data::SharedState shared_state_of(const AppState& state);

// Replaces the drawing, the target and the loss options with the link's; refresh() follows.
void apply_shared_state(AppState& state, const data::SharedState& shared);

}  // namespace celab::app
