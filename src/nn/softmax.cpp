#include "nn/softmax.h"

#include <cmath>

#include "nn/shape_check.h"

namespace celab::nn {
namespace {

// Each row shifted by its maximum; NaN anywhere in the row propagates to the whole row.
template <typename Row, typename Out>
void shift_by_max(const Row& row, Out&& out) {
  out = row - row.template maxCoeff<Eigen::PropagateNaN>();
}

}  // namespace

template <typename T>
void softmax(ConstMatrixRef<T> logits, MatrixRef<T> probs) {
  require_same_shape("softmax", logits, probs);
  if (logits.cols() == 0) return;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    auto out = probs.row(i).array();
    shift_by_max(logits.row(i).array(), out);
    out = out.exp();
    out *= T(1) / out.sum();
  }
}

template <typename T>
void log_softmax(ConstMatrixRef<T> logits, MatrixRef<T> log_probs) {
  require_same_shape("log_softmax", logits, log_probs);
  if (logits.cols() == 0) return;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    auto out = log_probs.row(i).array();
    shift_by_max(logits.row(i).array(), out);
    out -= std::log(out.exp().sum());
  }
}

template <typename T>
void softmax_backward(ConstMatrixRef<T> grad_probs, ConstMatrixRef<T> probs, MatrixRef<T> grad_logits) {
  require_same_shape("softmax_backward", grad_probs, probs);
  require_same_shape("softmax_backward", grad_probs, grad_logits);
  for (Eigen::Index i = 0; i < probs.rows(); ++i) {
    const auto g = grad_probs.row(i).array();
    const auto p = probs.row(i).array();
    const T dot = (g * p).sum();
    grad_logits.row(i).array() = p * (g - dot);
  }
}

template <typename T>
void log_softmax_backward(ConstMatrixRef<T> grad_log_probs, ConstMatrixRef<T> log_probs,
                          MatrixRef<T> grad_logits) {
  require_same_shape("log_softmax_backward", grad_log_probs, log_probs);
  require_same_shape("log_softmax_backward", grad_log_probs, grad_logits);
  for (Eigen::Index i = 0; i < log_probs.rows(); ++i) {
    const auto g = grad_log_probs.row(i).array();
    const T total = g.sum();
    grad_logits.row(i).array() = g - log_probs.row(i).array().exp() * total;
  }
}

#define CELAB_INSTANTIATE(T)                                                                  \
  template void softmax<T>(ConstMatrixRef<T>, MatrixRef<T>);                                  \
  template void log_softmax<T>(ConstMatrixRef<T>, MatrixRef<T>);                              \
  template void softmax_backward<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, MatrixRef<T>);      \
  template void log_softmax_backward<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
