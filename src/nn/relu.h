// ReLU, elementwise on any shape.
//   forward:  y = max(x, 0)
//   backward: dx = dy where x > 0, else 0   (PyTorch's choice at x = 0: gradient 0)
#pragma once

#include <string>

#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/workers.h"

namespace celab::nn {

class ReLU : public LayerName {
 public:
  explicit ReLU(std::string name);

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }

  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);

 private:
};

}  // namespace celab::nn
