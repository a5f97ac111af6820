// The unit every loss on the page is shown in. PyTorch's losses are in nats (natural log); in bits
// (log base 2) the same loss is divided by ln 2: a uniform guess over 10 classes costs ln 10 = 2.303
// nats = log2 10 = 3.32 bits. Only the display changes: every computation stays in nats.
#pragma once

#include <cmath>
#include <optional>
#include <string_view>

namespace celab::app {

enum class LossUnits { Nats, Bits };
inline constexpr LossUnits kLossUnits[] = {LossUnits::Nats, LossUnits::Bits};

// "nats" | "bits": window.celab.setUnits()'s names.
constexpr const char* units_name(LossUnits units) { return units == LossUnits::Bits ? "bits" : "nats"; }
inline std::optional<LossUnits> units_of_name(std::string_view name) {
  for (const LossUnits u : kLossUnits)
    if (name == units_name(u)) return u;
  return std::nullopt;
}

// A loss (or a difference of losses) of `nats` nats in `units`.
inline double in_units(double nats, LossUnits units) { return units == LossUnits::Bits ? nats / std::log(2.0) : nats; }

}  // namespace celab::app
