// 2-D convolution, stride 1, no padding ("valid"), no bias (every conv here feeds a batch norm,
// whose shift makes a bias redundant). Weight layout as PyTorch: (C_out, C_in, k, k) row-major.
//
//   forward:  x (N, C_in, H, W) -> y (N, C_out, H-k+1, W-k+1)
//             per sample, as one GEMM: y_i^T (P, C_out) = col_i (P, K) * W^T (K, C_out),
//             P = H_out*W_out, K = C_in*k*k, col_i = im2col(x_i) (column-major: each of the K
//             columns is a shifted copy of one input plane, so im2col is row copies).
//   backward: dW (C_out, K) += dy_i (C_out, P) * col_i (P, K)   (col_i recomputed, not stored)
//             dcol_i (P, K) = dy_i^T (P, C_out) * W (C_out, K);  dx_i = col2im(dcol_i)
//
// The two products with P rows run in small_gemm.h's kernel (vectorised natively and in
// WebAssembly); the weight gradient, a sum over P, in Eigen.
// Samples are split over threads by batch chunk; each chunk accumulates its own weight gradient
// and the chunks are summed in order, so the result does not depend on the thread count.
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

class Conv2d : public LayerName {
 public:
  Conv2d(std::string name, int in_channels, int out_channels, int kernel);

  Shape output_shape(const Shape& x) const;              // throws ShapeError
  int64_t macs(const Shape& x) const;                    // multiply-adds of one forward pass

  void init(Rng& rng);  // He normal
  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);
  std::vector<Parameter> parameters();
  std::vector<StateTensor> state();
  void zero_grad() { weight_grad_.setZero(); }

  std::span<float> weight();

 private:
  int patch() const { return in_ * k_ * k_; }  // K
  void im2col(const float* x, const Shape& xs, float* col) const;
  void col2im(const float* dcol, const Shape& xs, float* dx) const;
  void ensure_scratch(const Shape& x, int threads, bool backward);

  int in_, out_, k_;
  Eigen::VectorXf weight_, weight_grad_;
  Eigen::VectorXf col_, dcol_;     // per worker: P x K
  Eigen::VectorXf chunk_grads_;    // per batch chunk: C_out x K
};

}  // namespace celab::nn
