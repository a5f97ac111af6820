// The page's state in one or two sentences in the page's language (page_text.h), for people who do
// not see the canvas: the page puts it in an ARIA live region that screen readers read out when it
// changes, e.g.
//   "The model says 7, 98%. Target 3: loss 4.21."
#pragma once

#include <string>

#include "app/core/app_state.h"

namespace celab::app {

std::string state_summary(const AppState& state);

}  // namespace celab::app
