#include "nn/conv2d.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "nn/he_init.h"
#include "nn/eigen_types.h"
#include "nn/small_gemm.h"

namespace celab::nn {

Conv2d::Conv2d(std::string name, int in_channels, int out_channels, int kernel)
    : LayerName(std::move(name), "Conv2d " + std::to_string(in_channels) + "->" + std::to_string(out_channels) + " k" +
                                     std::to_string(kernel)),
      in_(in_channels),
      out_(out_channels),
      k_(kernel) {
  if (in_ < 1 || out_ < 1 || k_ < 1)
    throw std::invalid_argument(name_ + ": Conv2d needs positive channels and kernel, got " +
                                std::to_string(in_) + "->" + std::to_string(out_) + " k" + std::to_string(k_));
  weight_ = Eigen::VectorXf::Zero(int64_t{out_} * patch());
  weight_grad_ = Eigen::VectorXf::Zero(weight_.size());
}

Shape Conv2d::output_shape(const Shape& x) const {
  if (x.c != in_ || x.h < k_ || x.w < k_ || x.n < 1) {
    const std::string k = std::to_string(k_);
    throw_shape_error(label_, "input", "(N>=1," + std::to_string(in_) + ",H>=" + k + ",W>=" + k + ")", x);
  }
  return {x.n, out_, x.h - k_ + 1, x.w - k_ + 1};
}

int64_t Conv2d::macs(const Shape& x) const { return output_shape(x).plane() * out_ * patch(); }

std::span<float> Conv2d::weight() { return as_span(weight_); }

void Conv2d::init(Rng& rng) { he_normal(weight(), patch(), rng); }

void Conv2d::ensure_scratch(const Shape& x, int threads, bool backward) {
  const int64_t per_worker = (x.h - k_ + 1) * int64_t{x.w - k_ + 1} * patch();
  if (col_.size() < per_worker * threads) col_.resize(per_worker * threads);
  if (!backward) return;
  if (dcol_.size() < per_worker * threads) dcol_.resize(per_worker * threads);
  const int64_t grads = int64_t{kMaxBatchChunks} * weight_.size();
  if (chunk_grads_.size() < grads) chunk_grads_.resize(grads);
}

namespace {

// acc (M, K) += a (P, M)^T * b (P, K), a and b column-major: a sum over the long dimension P,
// which Eigen does well natively. Eigen packs a GEMM's operands into buffers, on the stack below
// EIGEN_STACK_ALLOCATION_LIMIT (128 KiB) and on the heap above it: panels of at most 96 KiB of P
// keep every call off the heap (and in L2 cache).
void accumulate_transposed_by_panels(RowMatrixMap& acc, const float* a, const float* b, int64_t p) {
  using ConstPanelMap = Eigen::Map<const Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
  const int64_t m = acc.rows(), k = acc.cols();
  const int64_t panel = std::max<int64_t>(16, (96 * 1024 / 4 / std::max(m, k)) / 16 * 16);
  for (int64_t row = 0; row < p; row += panel) {
    const int64_t rows = std::min(panel, p - row);
    acc.noalias() += ConstPanelMap(a + row, rows, m, Eigen::OuterStride<>(p)).transpose() *
                     ConstPanelMap(b + row, rows, k, Eigen::OuterStride<>(p));
  }
}

}  // namespace

// col (P, K) column-major: column (ci, ky, kx) holds x[ci][oy + ky][ox + kx] for all (oy, ox).
void Conv2d::im2col(const float* x, const Shape& xs, float* col) const {
  const int ho = xs.h - k_ + 1, wo = xs.w - k_ + 1;
  for (int ci = 0; ci < in_; ++ci)
    for (int ky = 0; ky < k_; ++ky)
      for (int kx = 0; kx < k_; ++kx)
        for (int oy = 0; oy < ho; ++oy, col += wo) {
          const float* src = x + (int64_t{ci} * xs.h + oy + ky) * xs.w + kx;
          std::copy(src, src + wo, col);
        }
}

// The adjoint of im2col: dx = 0, then every column is added back where it was copied from.
void Conv2d::col2im(const float* dcol, const Shape& xs, float* dx) const {
  const int ho = xs.h - k_ + 1, wo = xs.w - k_ + 1;
  std::fill(dx, dx + xs.per_sample(), 0.0f);
  for (int ci = 0; ci < in_; ++ci)
    for (int ky = 0; ky < k_; ++ky)
      for (int kx = 0; kx < k_; ++kx)
        for (int oy = 0; oy < ho; ++oy, dcol += wo) {
          float* dst = dx + (int64_t{ci} * xs.h + oy + ky) * xs.w + kx;
          for (int ox = 0; ox < wo; ++ox) dst[ox] += dcol[ox];
        }
}

void Conv2d::forward(const ForwardArgs& a, Workers& workers) {
  const Shape ys = output_shape(a.x.shape);
  check_forward_io(label_, ys, a);
  ensure_scratch(a.x.shape, workers.threads(), false);
  const int64_t p = ys.plane(), k = patch();
  workers.for_each_chunk(ys.n, [&](int, SampleRange r, int worker) {
    float* col = col_.data() + worker * p * k;
    for (int i = r.begin; i < r.end; ++i) {
      im2col(a.x.sample(i), a.x.shape, col);
      gemm_long_rows(a.y.sample(i), p, col, p, p, k, out_, weight_.data(), k, 1);
    }
  });
}

void Conv2d::backward(const BackwardArgs& a, Workers& workers) {
  const Shape ys = output_shape(a.x.shape);
  check_backward_io(label_, ys, a);
  ensure_scratch(a.x.shape, workers.threads(), true);
  const int64_t p = ys.plane(), k = patch(), wsize = weight_.size();
  workers.for_each_chunk(ys.n, [&](int chunk, SampleRange r, int worker) {
    float* col = col_.data() + worker * p * k;
    float* dcol = dcol_.data() + worker * p * k;
    RowMatrixMap dw(chunk_grads_.data() + chunk * wsize, out_, k);
    if (a.param_grads) dw.setZero();
    for (int i = r.begin; i < r.end; ++i) {
      if (a.param_grads) {
        im2col(a.x.sample(i), a.x.shape, col);
        accumulate_transposed_by_panels(dw, a.dy.sample(i), col, p);
      }
      if (a.dx.data) {
        gemm_long_rows(dcol, p, a.dy.sample(i), p, p, out_, k, weight_.data(), 1, k);
        col2im(dcol, a.x.shape, a.dx.sample(i));
      }
    }
  });
  if (a.param_grads)
    for (int c = 0; c < batch_chunk_count(ys.n); ++c)
      weight_grad_ += Eigen::Map<const Eigen::VectorXf>(chunk_grads_.data() + c * wsize, wsize);
}

std::vector<Parameter> Conv2d::parameters() {
  return {{name_ + ".weight", {out_, in_, k_, k_}, weight(), as_span(weight_grad_)}};
}

std::vector<StateTensor> Conv2d::state() { return {{name_ + ".weight", {out_, in_, k_, k_}, weight()}}; }

}  // namespace celab::nn
