// Fully connected layer, weight layout as PyTorch: (out, in) row-major, bias (out).
//
//   forward:  x (N, in) -> y (N, out),  y = x * W^T + b
//   backward: dW (out, in) += dy^T (out, N) * x (N, in);  db += sum over N of dy;  dx = dy * W
//
// Runs on the calling thread: at these sizes (512 -> 10) splitting would cost more than it saves.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/parameter.h"
#include "nn/rng.h"
#include "nn/workers.h"

namespace celab::nn {

class Linear : public LayerName {
 public:
  Linear(std::string name, int in_features, int out_features);

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return int64_t{in_} * out_; }

  void init(Rng& rng);  // weight and bias uniform in +-0.5/sqrt(in): half PyTorch's default
  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);
  std::vector<Parameter> parameters();
  std::vector<StateTensor> state();
  void zero_grad() {
    weight_grad_.setZero();
    bias_grad_.setZero();
  }

 private:
  int in_, out_;
  Eigen::VectorXf weight_, bias_, weight_grad_, bias_grad_;
  TensorVersion version_;  // of weight_ and bias_ (parameter.h)
  // Forward as dot products of whole SIMD vectors (small_gemm.h long_dot) when in_ is a multiple
  // of their length: Eigen has no WebAssembly vector code, and for one image this is the page's case.
  std::vector<int64_t> weight_rows_;  // offsets of W's rows
  Eigen::VectorXf partials_;
};

}  // namespace celab::nn
