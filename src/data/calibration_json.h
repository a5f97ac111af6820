// The calibration figures as JSON, in the one layout that `celab calibrate --json` prints and the
// page's window.celab.calibration() returns:
//   {count, accuracy, nll, ece, mce, bins: [{lo, hi, count, accuracy, confidence}] (15),
//    fittedT, nllBefore, nllAfter, eceBefore, eceAfter}
// The first five and the bins are over all samples at T = 1; fittedT is fitted on the even-indexed
// half, and the *Before / *After figures are the odd-indexed (held-out) half at T = 1 and at fittedT
// (see nn/calibration.h).
#pragma once

#include <nlohmann/json.hpp>

#include "nn/calibration.h"

namespace celab::data {

nlohmann::json calibration_json(const nn::Calibration& all, const nn::TemperatureFit& fit);

}  // namespace celab::data
