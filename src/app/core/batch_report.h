// The batch card through window.celab.batch(), as JSON built here (next to state_report.h), tested
// natively.
#pragma once

#include <nlohmann/json.hpp>

#include "app/core/batch_view.h"

namespace celab::app {

// {labels[], targets[] (labels, -100 where ignored), ignored[], lossNone[] (reduction='none'),
//  logits[][classes], lossMean, lossSum, meanDivisor, labelSmoothing, weights (or null), criterion
//  (as Python constructs it)}. Needs batch.ready().
nlohmann::json batch_report(const BatchView& batch);

}  // namespace celab::app
