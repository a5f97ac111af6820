#include "nn/layer_io.h"

namespace celab::nn {

void check_forward_io(std::string_view label, const Shape& expected_y, const ForwardArgs& a) {
  check_shape(label, "output", expected_y, a.y.shape);
}

void check_backward_io(std::string_view label, const Shape& expected_y, const BackwardArgs& a) {
  check_shape(label, "forward output", expected_y, a.y.shape);
  check_shape(label, "output gradient", expected_y, a.dy.shape);
  if (a.dx.data) check_shape(label, "input gradient", a.x.shape, a.dx.shape);
}

}  // namespace celab::nn
