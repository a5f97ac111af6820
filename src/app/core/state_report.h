// What the page reports of itself through window.celab.state(), as JSON: for browser tests and for
// pages that embed it. No browser here, so the report is built and tested natively too.
#pragma once

#include <nlohmann/json.hpp>

#include "app/core/app_state.h"

namespace celab::app {

// {predicted, probabilities[10], logits[10], target, loss, input[784], gradLogits[10], temperature,
//  scaledLogits[10] (logits / temperature), squaredError, squaredErrorGradient[10], units ("nats" |
//  "bits": how the page shows losses; the numbers here are always nats), hasDigit,
//  logitsFinite, label (of a loaded test digit, else null), brushRadius, updates (pipeline runs),
//  model ("loading" | "ready" | "failed"), error, testDigits (count), learn {steps, lossBefore,
//  lossAfter}, losses (the digit's loss three ways), lossLab {logits, probabilities, target, loss,
//  losses, mistake (its id, or null), message (PyTorch's exception line with a mistake that raises,
//  else null)}}: with a mistake on, loss and losses are the mistaken program's (null where it raises). Non-finite numbers are null (JSON has no NaN).
nlohmann::json state_report(const AppState& state);

// {crossEntropy, formula, logSoftmaxNll}: a one-row breakdown's three computations.
nlohmann::json three_ways_report(const nn::LossBreakdown& breakdown);

}  // namespace celab::app
