// The text `celab calibrate` and `celab eval --worst N` print: the reliability bins as a table, the
// calibration figures, the temperature fitted on one half and the other half before and after it;
// the hardest images as a list.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "nn/calibration.h"

namespace celab::cli {

std::string format_calibration(const nn::Calibration& all, const nn::TemperatureFit& fit);

// One line per sample, highest loss first: rank, index, label, prediction, loss (nats).
std::string format_hardest(std::span<const int64_t> order, std::span<const int64_t> labels,
                           std::span<const int64_t> predicted, std::span<const double> losses);

}  // namespace celab::cli
