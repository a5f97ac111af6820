#include "nn/softmax.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "nn/row_kernels.h"
#include "nn/shape_check.h"

namespace celab::nn {
namespace {

using Eigen::Index;
using kernels::exp_run;
using kernels::product_sum;
using kernels::rows_as_runs;

// Values per chunk of exp(log_probs) in log_softmax_backward: a few KiB that stay in L1.
constexpr Index kChunkValues = 4096;

// out = x - max, row by row; returns the row maxima. A row holding NaN or +inf becomes NaN in
// the end whatever its maximum: NaN - max, or inf - inf, is NaN, and exp and the row sum carry it.
template <typename T>
std::vector<T> shift_by_row_max(const ConstMatrixRef<T>& x, MatrixRef<T>& out) {
  std::vector<T> max(static_cast<size_t>(x.rows()));
  for (Index i = 0; i < x.rows(); ++i) {
    const T* in = x.row(i).data();
    T* shifted = out.row(i).data();
    const T m = kernels::max_run(in, x.cols());
    for (Index c = 0; c < x.cols(); ++c) shifted[c] = in[c] - m;
    max[static_cast<size_t>(i)] = m;
  }
  return max;
}

template <typename T>
void exp_in_place(MatrixRef<T>& m) {
  rows_as_runs(
      m.rows(), m.cols(),
      [&](Index first, Index count) { exp_run(m.row(first).data(), m.row(first).data(), count * m.cols()); }, m);
}

template <typename T>
void require_separate(const char* function, const ConstMatrixRef<T>& in, const MatrixRef<T>& out) {
  if (in.size() > 0 && in.data() == out.data())
    throw LossError(std::string(function) + ": the output must not be the input");
}

}  // namespace

template <typename T>
void softmax(ConstMatrixRef<T> logits, MatrixRef<T> probs) {
  require_same_shape("softmax", logits, probs);
  require_separate("softmax", logits, probs);
  if (logits.cols() == 0) return;
  shift_by_row_max(logits, probs);
  exp_in_place(probs);
  for (Index i = 0; i < probs.rows(); ++i) {
    T* p = probs.row(i).data();
    const T inverse = T(1) / product_sum<T>(p, nullptr, nullptr, probs.cols());
    for (Index c = 0; c < probs.cols(); ++c) p[c] *= inverse;
  }
}

template <typename T>
void log_softmax(ConstMatrixRef<T> logits, MatrixRef<T> log_probs) {
  require_same_shape("log_softmax", logits, log_probs);
  require_separate("log_softmax", logits, log_probs);
  if (logits.cols() == 0) return;
  const std::vector<T> max = shift_by_row_max(logits, log_probs);
  exp_in_place(log_probs);
  std::vector<T> log_sum(max.size());
  for (Index i = 0; i < logits.rows(); ++i)
    log_sum[static_cast<size_t>(i)] = product_sum<T>(log_probs.row(i).data(), nullptr, nullptr, logits.cols());
  kernels::log_run(log_sum.data(), log_sum.data(), logits.rows());
  // PyTorch's order: (x - max) - log(sum(exp(x - max))).
  for (Index i = 0; i < logits.rows(); ++i) {
    const T* x = logits.row(i).data();
    T* out = log_probs.row(i).data();
    const T m = max[static_cast<size_t>(i)], ls = log_sum[static_cast<size_t>(i)];
    for (Index c = 0; c < logits.cols(); ++c) out[c] = (x[c] - m) - ls;
  }
}

template <typename T>
void softmax_backward(ConstMatrixRef<T> grad_probs, ConstMatrixRef<T> probs, MatrixRef<T> grad_logits) {
  require_same_shape("softmax_backward", grad_probs, probs);
  require_same_shape("softmax_backward", grad_probs, grad_logits);
  for (Index i = 0; i < probs.rows(); ++i) {
    const T* g = grad_probs.row(i).data();
    const T* p = probs.row(i).data();
    T* out = grad_logits.row(i).data();
    const T dot = product_sum<T>(g, p, nullptr, probs.cols());
    for (Index c = 0; c < probs.cols(); ++c) out[c] = p[c] * (g[c] - dot);
  }
}

template <typename T>
void log_softmax_backward(ConstMatrixRef<T> grad_log_probs, ConstMatrixRef<T> log_probs, MatrixRef<T> grad_logits) {
  require_same_shape("log_softmax_backward", grad_log_probs, log_probs);
  require_same_shape("log_softmax_backward", grad_log_probs, grad_logits);
  const Index cols = log_probs.cols();
  if (cols == 0) return;
  // exp(log_probs) a chunk of rows at a time, so that few classes still fill SIMD packets.
  const Index chunk_rows = std::max<Index>(1, kChunkValues / cols);
  RowMatrix<T> probs(std::min(chunk_rows, log_probs.rows()), cols);
  for (Index first = 0; first < log_probs.rows(); first += chunk_rows) {
    const Index count = std::min(chunk_rows, log_probs.rows() - first);
    const auto lp = log_probs.middleRows(first, count);
    rows_as_runs(
        count, cols, [&](Index r, Index n) { exp_run(lp.row(r).data(), probs.row(r).data(), n * cols); }, lp);
    for (Index i = 0; i < count; ++i) {
      const T* g = grad_log_probs.row(first + i).data();
      const T* p = probs.row(i).data();
      T* out = grad_logits.row(first + i).data();
      const T total = product_sum<T>(g, nullptr, nullptr, cols);
      for (Index c = 0; c < cols; ++c) out[c] = g[c] - p[c] * total;
    }
  }
}

#define CELAB_INSTANTIATE(T)                                                             \
  template void softmax<T>(ConstMatrixRef<T>, MatrixRef<T>);                             \
  template void log_softmax<T>(ConstMatrixRef<T>, MatrixRef<T>);                         \
  template void softmax_backward<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, MatrixRef<T>); \
  template void log_softmax_backward<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
