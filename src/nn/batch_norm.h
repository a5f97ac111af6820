// Batch normalisation over channels, as PyTorch's BatchNorm2d on (N, C, H, W) and BatchNorm1d on
// (N, C) (= (N, C, 1, 1)): statistics per channel over N*H*W values, eps 1e-5, momentum 0.1.
//
//   forward:  x (N, C, H, W) -> y (N, C, H, W),  y = gamma * (x - mean) / sqrt(var + eps) + beta
//     Train: mean, var = the batch's (biased var); running_mean/var updated with the unbiased var.
//     Eval:  mean, var = running_mean, running_var: a fixed per-channel affine map.
//   backward: with xhat = (x - mean) / sqrt(var + eps), M = N*H*W, g = gamma / sqrt(var + eps):
//     dgamma += sum(dy * xhat), dbeta += sum(dy)
//     Train: dx = g * (dy - sum(dy) / M - xhat * sum(dy * xhat) / M)
//     Eval:  dx = g * dy   (statistics are constants)
//
// Sums over the batch are taken per chunk in double and added in chunk order (see workers.h).
// forward and backward are each built from two public parts, which norm_relu.h also uses to fuse
// the batch norm with the ReLU and max pool after it.
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

class BatchNorm : public LayerName {
 public:
  BatchNorm(std::string name, int channels, float eps, float momentum);

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }

  void init(Rng&) { reset(); }
  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);
  std::vector<Parameter> parameters();
  std::vector<StateTensor> state();  // weight, bias, running_mean, running_var

  // Adds one plane's two sums to a and b (for sample and channel, on worker `worker`).
  using PlaneSums = FunctionRef<void(int sample, int channel, int worker, double& a, double& b)>;
  // sum(u) and sum(u * v) over n values: float sums within a plane (vectorised, at most a few
  // hundred values), double across planes. In an order that depends on the values' indices only,
  // not on where they sit in memory (row_kernels.h): a plane copied to scratch sums the same.
  static void add_plane_sums(const float* u, const float* v, int64_t n, double& a, double& b);
  // Forward, first part: the statistics (Train: of x, chunk by chunk; running statistics updated.
  // Eval: the running ones), after which y = scale(c) * x + shift(c).
  void prepare_forward(ConstTensorView x, Mode mode, Workers& workers);
  // The same in pieces, for a caller that takes the sums inside a pool run of its own (model.h):
  // check_forward_statistics before the run, forward_chunk_sums for every chunk of the batch
  // (Train only), then finish_forward.
  void check_forward_statistics(const Shape& s, Mode mode) const;
  void forward_chunk_sums(ConstTensorView x, int chunk, SampleRange r);
  void finish_forward(const Shape& s, Mode mode);
  // Backward, first part: from sum(dy) and sum(dy * x) per channel, which `sums` gives over the
  // shape s, the parameter gradients (when param_grads) and dx = scale(c) * dy + slope(c) * x + shift(c).
  void prepare_backward(const Shape& s, PlaneSums sums, Mode mode, bool param_grads, Workers& workers);
  // The same in pieces: chunk_sums for every chunk of the batch, then finish_backward.
  void chunk_sums(PlaneSums sums, int chunk, SampleRange r, int worker);
  void finish_backward(const Shape& s, Mode mode, bool param_grads);
  float scale(int c) const { return scale_[c]; }
  float shift(int c) const { return shift_[c]; }
  float slope(int c) const { return slope_[c]; }
  void zero_grad() {
    gamma_grad_.setZero();
    beta_grad_.setZero();
  }

 private:
  void reset();  // gamma 1, beta 0, running mean 0, running var 1
  // Per channel, over the batch: sum_a_ and sum_b_, the chunk_sums added in chunk order.
  void total_sums(const Shape& s);
  // y = scale[c] * u + shift[c] (+ slope[c] * v when v is given), per channel, over the batch.
  void affine(const Shape& s, const float* u, const float* v, float* y, Workers& workers) const;

  int channels_;
  float eps_, momentum_;
  Eigen::VectorXf gamma_, beta_, gamma_grad_, beta_grad_, running_mean_, running_var_;
  TensorVersion version_;                  // of gamma_, beta_ and the running statistics (parameter.h)
  Eigen::VectorXf mean_, invstd_;          // what the last forward pass used, per channel
  Eigen::VectorXd chunk_sums_;             // per chunk, per channel: 2 sums
  Eigen::VectorXd sum_a_, sum_b_;          // their totals
  Eigen::VectorXf scale_, shift_, slope_;  // per channel coefficients for affine()
};

}  // namespace celab::nn
