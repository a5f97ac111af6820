// What every layer's forward and backward receive. Layers never allocate their inputs or
// outputs: the model owns the activation and gradient buffers and passes views.
#pragma once

#include "nn/tensor.h"

namespace celab::nn {

// Train: batch-norm uses and updates batch statistics. Eval: running statistics, a fixed affine map.
enum class Mode { Train, Eval };

struct ForwardArgs {
  ConstTensorView x;  // input
  TensorView y;       // output, written
  Mode mode;
};

struct BackwardArgs {
  ConstTensorView x;   // the forward pass's input
  ConstTensorView y;   // the forward pass's output
  ConstTensorView dy;  // dL/dy
  TensorView dx;       // dL/dx, written (not accumulated); dx.data == nullptr: not wanted
  Mode mode;           // the forward pass's mode
  bool param_grads;    // add dL/dparameters to the parameters' gradients
};

// Shape checks shared by the layers, given the output shape the layer computed from x.shape.
void check_forward_io(std::string_view label, const Shape& expected_y, const ForwardArgs& a);
void check_backward_io(std::string_view label, const Shape& expected_y, const BackwardArgs& a);

}  // namespace celab::nn
