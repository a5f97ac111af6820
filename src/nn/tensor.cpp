#include "nn/tensor.h"

#include "nn/error_text.h"

namespace celab::nn {

std::string Shape::str() const {
  const int64_t dims[] = {n, c, h, w};
  return shape_text(std::span(dims, h != 1 || w != 1 ? 4 : 2), ShapeStyle::Compact);
}

void throw_shape_error(std::string_view layer, std::string_view what, std::string_view expected, const Shape& got) {
  throw ShapeError(std::string(layer) + ": " + std::string(what) + " expected " + std::string(expected) + ", got " +
                   got.str());
}

void check_shape(std::string_view layer, std::string_view what, const Shape& expected, const Shape& got) {
  if (got != expected) throw_shape_error(layer, what, expected.str(), got);
}

}  // namespace celab::nn
