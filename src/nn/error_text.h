// How values and shapes appear in LossError messages: "[2, 3]", and numbers in their shortest
// round-trip form ("1.5", "-0.1", "nan") rather than std::to_string's fixed six decimals.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace celab::nn {

inline std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

// "1 value", "3 values".
inline std::string count_text(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

inline std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace celab::nn
