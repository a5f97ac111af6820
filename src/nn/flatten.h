// Flatten: (N, C, H, W) -> (N, C*H*W), PyTorch's flatten(x, 1). NCHW row-major memory already is
// that matrix, so the model hands the next layer a reshaped view of the same buffer, and forward
// and backward then only check shapes (they copy when given separate buffers).
#pragma once

#include <string>

#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/workers.h"

namespace celab::nn {

class Flatten : public LayerName {
 public:
  explicit Flatten(std::string name);

  // Tells the model to alias this layer's output to its input and its input gradient to its
  // output gradient.
  static constexpr bool kReshapesInPlace = true;

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }

  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);

 private:
};

}  // namespace celab::nn
