// How values and shapes appear in error messages: "[2, 3]", and numbers in their shortest
// round-trip form ("1.5", "-0.1", "nan") rather than std::to_string's fixed six decimals; and
// quoted text, kept on one line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace celab::nn {

// The fewest significant digits that read back as the same double. (Not std::to_chars: the libc++
// of Debian's Emscripten 3.1.6 has no floating-point to_chars, and this header builds for the web.)
inline std::string number_text(double value) {
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

// "1 value", "3 values".
inline std::string count_text(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// How a shape is written: as torch.Size prints it in PyTorch's loss errors, "[2, 3]", or compactly as
// the layers' shape errors and the model file's messages write a tensor, "(64,8,26,26)".
enum class ShapeStyle { Torch, Compact };

inline std::string shape_text(std::span<const int64_t> shape, ShapeStyle style = ShapeStyle::Torch) {
  const bool torch = style == ShapeStyle::Torch;
  std::string text = torch ? "[" : "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text.append(torch ? ", " : ",");
    text.append(std::to_string(shape[i]));
  }
  text.append(torch ? "]" : ")");
  return text;
}

// "0x00000803": a 32-bit magic number or checksum.
inline std::string hex32(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

// Text from a file or the command line, safe to quote in a one-line message: every byte outside
// printable ASCII (a newline, a NUL...) becomes '?'.
inline std::string printable_text(std::string_view text) {
  std::string shown(text);
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return shown;
}

}  // namespace celab::nn
