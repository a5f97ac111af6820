// PyTorch 1.13's exception lines ("Type: message", as Python's traceback ends) for input that
// nn.CrossEntropyLoss rejects, where the page and the CLI quote PyTorch's own words. Checked against
// real PyTorch by tests/golden/mistakes_cases.json.
#pragma once

#include <cstdint>
#include <string>

namespace celab::nn {

// A class index outside [0, C) that is not ignore_index: "IndexError: Target 3 is out of bounds."
inline std::string pytorch_target_out_of_bounds(int64_t target) {
  return "IndexError: Target " + std::to_string(target) + " is out of bounds.";
}
// Class probabilities (a float target of the input's shape) with an ignore_index of a class (>= 0).
inline constexpr const char* kPytorchProbsIgnoreIndex =
    "RuntimeError: ignore_index is not supported for floating point target";
// One-hot targets left as integers: read as class probabilities, which must be floating point.
inline constexpr const char* kPytorchOneHotLong =
    "RuntimeError: Expected floating point type for target with class probabilities, got Long";
// Class indices as a column (N, 1).
inline constexpr const char* kPytorchMultiTarget =
    "RuntimeError: 0D or 1D target tensor expected, multi-target not supported";
// Class indices as floating point.
inline constexpr const char* kPytorchFloatIndices = "RuntimeError: expected scalar type Long but found Float";

}  // namespace celab::nn
