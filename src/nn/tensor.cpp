#include "nn/tensor.h"

namespace celab::nn {

std::string Shape::str() const {
  std::string s = "(";
  s += std::to_string(n);
  const int dims[] = {c, h, w};
  const int count = (h != 1 || w != 1) ? 3 : 1;
  for (int i = 0; i < count; ++i) {
    s += ',';
    s += std::to_string(dims[i]);
  }
  s += ')';
  return s;
}

void throw_shape_error(std::string_view layer, std::string_view what, std::string_view expected,
                       const Shape& got) {
  throw ShapeError(std::string(layer) + ": " + std::string(what) + " expected " + std::string(expected) +
                   ", got " + got.str());
}

void check_shape(std::string_view layer, std::string_view what, const Shape& expected, const Shape& got) {
  if (got != expected) throw_shape_error(layer, what, expected.str(), got);
}

}  // namespace celab::nn
