#include <string>

#include "nn/cross_entropy.h"
#include "nn/error_text.h"

namespace celab::nn {

Reduction parse_reduction(std::string_view name) {
  if (name == "none") return Reduction::None;
  if (name == "mean") return Reduction::Mean;
  if (name == "sum") return Reduction::Sum;
  throw LossError("reduction '" + printable_text(name) + "' is not one of none, mean, sum");
}

const char* reduction_name(Reduction r) {
  switch (r) {
    case Reduction::None: return "none";
    case Reduction::Mean: return "mean";
    case Reduction::Sum: return "sum";
  }
  return "?";
}

}  // namespace celab::nn
