// The page's words for names that other tables own: a training criterion (nn/criterion.h) and a
// loss unit (loss_units.h), looked up as "criterion.<name>" and "units.<name>" in the text table,
// so each name is written once (tests/unit/test_confidence.cpp checks every one has its row).
#pragma once

#include "app/core/loss_units.h"
#include "app/core/page_text.h"
#include "nn/criterion.h"

namespace celab::app {

// "cross-entropy", "softmax before the loss — a mistake", ... in the page's language.
const char* criterion_text(nn::Criterion criterion);
// "nats (PyTorch's)" | "bits"; the short form "nats" | "bits" (after a number).
const char* units_text(LossUnits units);
const char* units_short_text(LossUnits units);

}  // namespace celab::app
