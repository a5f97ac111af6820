// Max pooling, square window k, stride k, no padding (PyTorch's max_pool2d(x, k)).
//   forward:  x (N, C, H, W) -> y (N, C, H/k, W/k) (floor), y = max over each k x k window
//   backward: dx = 0 except at each window's maximum (the first in row order on ties, as
//             PyTorch), which receives that window's dy. The position is found again from x
//             and y, so no index buffer is kept.
#pragma once

#include <string>

#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/workers.h"

namespace celab::nn {

class MaxPool2d : public LayerName {
 public:
  MaxPool2d(std::string name, int kernel);

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }
  int kernel() const { return k_; }

  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);

 private:
  int k_;
};

}  // namespace celab::nn
