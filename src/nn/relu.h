// ReLU, elementwise on any shape.
//   forward:  y = max(x, 0)
//   backward: dx = dy where x > 0, else 0   (PyTorch's choice at x = 0: gradient 0)
#pragma once

#include <string>

#include "nn/layer_io.h"
#include "nn/workers.h"

namespace celab::nn {

class ReLU {
 public:
  explicit ReLU(std::string name);

  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }
  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }

  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);

 private:
  std::string name_, label_;
};

}  // namespace celab::nn
