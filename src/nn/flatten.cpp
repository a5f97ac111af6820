#include "nn/flatten.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace celab::nn {

Flatten::Flatten(std::string name) : LayerName(std::move(name), "Flatten") {}

Shape Flatten::output_shape(const Shape& x) const {
  if (x.n < 1 || x.c < 1 || x.per_sample() > std::numeric_limits<int>::max())
    throw_shape_error(label_, "input", "(N>=1,C>=1,...)", x);
  return {x.n, static_cast<int>(x.per_sample()), 1, 1};
}

void Flatten::forward(const ForwardArgs& a, Workers&) {
  check_forward_io(label_, output_shape(a.x.shape), a);
  if (a.y.data != a.x.data) std::copy(a.x.data, a.x.data + a.x.shape.size(), a.y.data);
}

void Flatten::backward(const BackwardArgs& a, Workers&) {
  check_backward_io(label_, output_shape(a.x.shape), a);
  if (a.dx.data && a.dx.data != a.dy.data) std::copy(a.dy.data, a.dy.data + a.dy.shape.size(), a.dx.data);
}

}  // namespace celab::nn
