#include "nn/label_smoothing.h"

#include "nn/row_kernels.h"
#include "nn/shape_check.h"

namespace celab::nn {

template <typename T>
void smoothing_loss_rows(ConstMatrixRef<T> log_probs, const ClassTargets<T>& targets, std::span<T> row_loss) {
  require_rows("smoothing_loss_rows", log_probs, targets.index.size(), "targets");
  require_rows("smoothing_loss_rows", log_probs, row_loss.size(), "row losses");
  require_class_weights("smoothing_loss_rows", log_probs, targets.weight.size());
  const T* weight = targets.weight.empty() ? nullptr : targets.weight.data();
  for (size_t i = 0; i < row_loss.size(); ++i) {
    const T* row = log_probs.row(static_cast<Eigen::Index>(i)).data();
    row_loss[i] = targets.ignored(i) ? T(0) : -kernels::product_sum<T>(row, weight, nullptr, log_probs.cols());
  }
}

template <typename T>
void smoothing_loss_backward(const ClassTargets<T>& targets, T upstream, MatrixRef<T> grad_log_probs) {
  require_rows("smoothing_loss_backward", grad_log_probs, targets.index.size(), "targets");
  require_class_weights("smoothing_loss_backward", grad_log_probs, targets.weight.size());
  const T scale = -upstream;
  for (size_t i = 0; i < targets.index.size(); ++i) {
    if (targets.ignored(i)) continue;
    T* row = grad_log_probs.row(static_cast<Eigen::Index>(i)).data();
    for (Eigen::Index c = 0; c < grad_log_probs.cols(); ++c)
      row[c] += targets.weight.empty() ? scale : scale * targets.weight[static_cast<size_t>(c)];
  }
}

#define CELAB_INSTANTIATE(T)                                                                     \
  template void smoothing_loss_rows<T>(ConstMatrixRef<T>, const ClassTargets<T>&, std::span<T>); \
  template void smoothing_loss_backward<T>(const ClassTargets<T>&, T, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
