#include "nn/soft_target_loss.h"

#include "nn/row_kernels.h"
#include "nn/shape_check.h"

namespace celab::nn {

template <typename T>
void smooth_probabilities(ConstMatrixRef<T> probs, double eps, MatrixRef<T> smoothed) {
  require_same_shape("smooth_probabilities", probs, smoothed);
  const T keep = static_cast<T>(1 - eps);
  const T spread = static_cast<T>(eps / static_cast<double>(probs.cols()));
  smoothed.array() = probs.array() * keep + spread;
}

template <typename T>
void soft_target_loss_rows(ConstMatrixRef<T> log_probs, ConstMatrixRef<T> target, std::span<const T> weight,
                           std::span<T> row_loss) {
  require_same_shape("soft_target_loss_rows", log_probs, target);
  require_rows("soft_target_loss_rows", log_probs, row_loss.size(), "row losses");
  require_class_weights("soft_target_loss_rows", log_probs, weight.size());
  for (size_t i = 0; i < row_loss.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    row_loss[i] = -kernels::product_sum<T>(log_probs.row(r).data(), target.row(r).data(),
                                           weight.empty() ? nullptr : weight.data(), log_probs.cols());
  }
}

template <typename T>
void soft_target_loss_backward(ConstMatrixRef<T> target, std::span<const T> weight, T upstream,
                               MatrixRef<T> grad_log_probs) {
  require_same_shape("soft_target_loss_backward", target, grad_log_probs);
  require_class_weights("soft_target_loss_backward", target, weight.size());
  const T scale = -upstream;
  for (Eigen::Index r = 0; r < target.rows(); ++r) {
    const T* q = target.row(r).data();
    T* out = grad_log_probs.row(r).data();
    for (Eigen::Index c = 0; c < target.cols(); ++c)
      out[c] = weight.empty() ? scale * q[c] : (scale * weight[static_cast<size_t>(c)]) * q[c];
  }
}

#define CELAB_INSTANTIATE(T)                                                                                      \
  template void smooth_probabilities<T>(ConstMatrixRef<T>, double, MatrixRef<T>);                                 \
  template void soft_target_loss_rows<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, std::span<const T>, std::span<T>); \
  template void soft_target_loss_backward<T>(ConstMatrixRef<T>, std::span<const T>, T, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
