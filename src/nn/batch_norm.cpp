#include "nn/batch_norm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "nn/eigen_types.h"
#include "nn/row_kernels.h"

namespace celab::nn {

BatchNorm::BatchNorm(std::string name, int channels, float eps, float momentum)
    : LayerName(std::move(name), "BatchNorm " + std::to_string(channels)),
      channels_(channels),
      eps_(eps),
      momentum_(momentum) {
  if (channels < 1)
    throw std::invalid_argument(name_ + ": BatchNorm needs channels >= 1, got " + std::to_string(channels));
  for (Eigen::VectorXf* v : {&gamma_, &beta_, &gamma_grad_, &beta_grad_, &running_mean_, &running_var_, &mean_,
                             &invstd_, &scale_, &shift_, &slope_})
    *v = Eigen::VectorXf::Zero(channels);
  sum_a_ = sum_b_ = Eigen::VectorXd::Zero(channels);
  chunk_sums_ = Eigen::VectorXd::Zero(int64_t{kMaxBatchChunks} * channels * 2);
  reset();
}

Shape BatchNorm::output_shape(const Shape& x) const {
  if (x.c != channels_ || x.n < 1)
    throw_shape_error(label_, "input", "(N>=1," + std::to_string(channels_) + ",...)", x);
  return x;
}

void BatchNorm::reset() {
  gamma_.setOnes();
  beta_.setZero();
  running_mean_.setZero();
  running_var_.setOnes();
  version_.bump();
}

void BatchNorm::chunk_sums(PlaneSums sums, int chunk, SampleRange r, int worker) {
  double* out = chunk_sums_.data() + int64_t{chunk} * channels_ * 2;
  for (int c = 0; c < channels_; ++c) {
    double a = 0.0, b = 0.0;
    for (int i = r.begin; i < r.end; ++i) sums(i, c, worker, a, b);
    out[2 * c] = a;
    out[2 * c + 1] = b;
  }
}

void BatchNorm::total_sums(const Shape& s) {
  sum_a_.setZero();
  sum_b_.setZero();
  for (int chunk = 0; chunk < batch_chunk_count(s.n); ++chunk)
    for (int c = 0; c < channels_; ++c) {
      sum_a_[c] += chunk_sums_[(int64_t{chunk} * channels_ + c) * 2];
      sum_b_[c] += chunk_sums_[(int64_t{chunk} * channels_ + c) * 2 + 1];
    }
}

void BatchNorm::add_plane_sums(const float* u, const float* v, int64_t n, double& a, double& b) {
  a += kernels::product_sum<float>(u, nullptr, nullptr, n);
  b += kernels::product_sum<float>(u, v, nullptr, n);
}

void BatchNorm::affine(const Shape& s, const float* u, const float* v, float* y, Workers& workers) const {
  const int64_t plane = s.plane();
  workers.for_each_chunk(s.n, [&](int, SampleRange r, int) {
    for (int i = r.begin; i < r.end; ++i)
      for (int c = 0; c < channels_; ++c) {
        const int64_t at = (int64_t{i} * channels_ + c) * plane;
        const float sc = scale_[c], sh = shift_[c], sl = slope_[c];
        if (v) {
          for (int64_t j = 0; j < plane; ++j) y[at + j] = sc * u[at + j] + sl * v[at + j] + sh;
        } else {
          for (int64_t j = 0; j < plane; ++j) y[at + j] = sc * u[at + j] + sh;
        }
      }
  });
}

void BatchNorm::check_forward_statistics(const Shape& s, Mode mode) const {
  if (mode == Mode::Train && s.n * s.plane() < 2)
    throw_shape_error(label_, "input in training mode", "more than 1 value per channel", s);
}

void BatchNorm::forward_chunk_sums(ConstTensorView x, int chunk, SampleRange r) {
  const int64_t plane = x.shape.plane();
  chunk_sums(
      [&](int i, int c, int, double& a, double& b) {
        const float* u = x.data + (int64_t{i} * channels_ + c) * plane;
        add_plane_sums(u, u, plane, a, b);
      },
      chunk, r, 0);
}

void BatchNorm::finish_forward(const Shape& s, Mode mode) {
  if (mode == Mode::Train) {
    total_sums(s);
    const int64_t m = s.n * s.plane();
    for (int c = 0; c < channels_; ++c) {
      const double mean = sum_a_[c] / m;
      const double var = std::max(0.0, sum_b_[c] / m - mean * mean);
      mean_[c] = static_cast<float>(mean);
      invstd_[c] = static_cast<float>(1.0 / std::sqrt(var + eps_));
      running_mean_[c] = (1 - momentum_) * running_mean_[c] + momentum_ * static_cast<float>(mean);
      running_var_[c] = (1 - momentum_) * running_var_[c] + momentum_ * static_cast<float>(var * m / (m - 1));
    }
    version_.bump();
  } else {
    mean_ = running_mean_;
    invstd_ = (running_var_.array() + eps_).rsqrt().matrix();
  }
  scale_ = gamma_.cwiseProduct(invstd_);
  shift_ = beta_ - mean_.cwiseProduct(scale_);
  slope_.setZero();
}

void BatchNorm::prepare_forward(ConstTensorView x, Mode mode, Workers& workers) {
  check_forward_statistics(x.shape, mode);
  if (mode == Mode::Train)
    workers.for_each_chunk(x.shape.n, [&](int chunk, SampleRange r, int) { forward_chunk_sums(x, chunk, r); });
  finish_forward(x.shape, mode);
}

void BatchNorm::forward(const ForwardArgs& a, Workers& workers) {
  check_forward_io(label_, output_shape(a.x.shape), a);
  prepare_forward(a.x, a.mode, workers);
  affine(a.x.shape, a.x.data, nullptr, a.y.data, workers);
}

void BatchNorm::finish_backward(const Shape& s, Mode mode, bool param_grads) {
  total_sums(s);  // sum(dy), sum(dy * x)
  const int64_t m = s.n * s.plane();
  for (int c = 0; c < channels_; ++c) {
    const double sum_dy = sum_a_[c];
    const double sum_dy_xhat = invstd_[c] * (sum_b_[c] - mean_[c] * sum_dy);
    if (param_grads) {
      gamma_grad_[c] += static_cast<float>(sum_dy_xhat);
      beta_grad_[c] += static_cast<float>(sum_dy);
    }
    const double g = static_cast<double>(gamma_[c]) * invstd_[c];
    scale_[c] = static_cast<float>(g);
    if (mode == Mode::Train) {
      // dx = g*dy - g*sum_dy/M - g*invstd*(x - mean)*sum_dy_xhat/M = g*dy + slope*x + shift
      const double slope = -g * invstd_[c] * sum_dy_xhat / m;
      slope_[c] = static_cast<float>(slope);
      shift_[c] = static_cast<float>(-g * sum_dy / m - slope * mean_[c]);
    } else {
      slope_[c] = shift_[c] = 0.0f;
    }
  }
}

void BatchNorm::prepare_backward(const Shape& s, PlaneSums sums, Mode mode, bool param_grads, Workers& workers) {
  workers.for_each_chunk(s.n, [&](int chunk, SampleRange r, int worker) { chunk_sums(sums, chunk, r, worker); });
  finish_backward(s, mode, param_grads);
}

void BatchNorm::backward(const BackwardArgs& a, Workers& workers) {
  const Shape& s = a.x.shape;
  check_backward_io(label_, output_shape(s), a);
  const int64_t plane = s.plane();
  prepare_backward(
      s,
      [&](int i, int c, int, double& sa, double& sb) {
        const int64_t at = (int64_t{i} * channels_ + c) * plane;
        add_plane_sums(a.dy.data + at, a.x.data + at, plane, sa, sb);
      },
      a.mode, a.param_grads, workers);
  if (a.dx.data) affine(s, a.dy.data, a.mode == Mode::Train ? a.x.data : nullptr, a.dx.data, workers);
}

std::vector<Parameter> BatchNorm::parameters() {
  return {{name_ + ".weight", {channels_}, as_span(gamma_), as_span(gamma_grad_), version_},
          {name_ + ".bias", {channels_}, as_span(beta_), as_span(beta_grad_), version_}};
}

std::vector<StateTensor> BatchNorm::state() {
  return {{name_ + ".weight", {channels_}, as_span(gamma_), version_},
          {name_ + ".bias", {channels_}, as_span(beta_), version_},
          {name_ + ".running_mean", {channels_}, as_span(running_mean_), version_},
          {name_ + ".running_var", {channels_}, as_span(running_var_), version_}};
}

}  // namespace celab::nn
