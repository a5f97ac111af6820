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
  void zero_grad() {
    gamma_grad_.setZero();
    beta_grad_.setZero();
  }

 private:
  void reset();  // gamma 1, beta 0, running mean 0, running var 1
  // Per channel, over the batch: sum_a_ = sum(u), sum_b_ = sum(u * v); u, v shaped like x.
  void channel_sums(const Shape& s, const float* u, const float* v, Workers& workers);
  // y = scale[c] * u + shift[c] (+ slope[c] * v when v is given), per channel, over the batch.
  void affine(const Shape& s, const float* u, const float* v, float* y, Workers& workers) const;

  int channels_;
  float eps_, momentum_;
  Eigen::VectorXf gamma_, beta_, gamma_grad_, beta_grad_, running_mean_, running_var_;
  Eigen::VectorXf mean_, invstd_;  // what the last forward pass used, per channel
  Eigen::VectorXd chunk_sums_;     // per chunk, per channel: 2 sums
  Eigen::VectorXd sum_a_, sum_b_;  // their totals
  Eigen::VectorXf scale_, shift_, slope_;  // per channel coefficients for affine()
};

}  // namespace celab::nn
