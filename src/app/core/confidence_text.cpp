#include "app/core/confidence_text.h"

#include <string>

namespace celab::app {
namespace {

const char* text_named(const std::string& key) {
  const auto found = text_of_key(key);
  return found ? text(*found) : "?";
}

}  // namespace

const char* criterion_text(nn::Criterion criterion) {
  return text_named(std::string("criterion.") + nn::criterion_name(criterion));
}

const char* units_text(LossUnits units) { return text_named(std::string("units.") + units_name(units)); }

const char* units_short_text(LossUnits units) {
  return text_named(std::string("units.") + units_name(units) + "_short");
}

}  // namespace celab::app
