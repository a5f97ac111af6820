#include "nn/label_smoothing.h"

#include "nn/shape_check.h"

namespace celab::nn {

template <typename T>
void smoothing_loss_rows(ConstMatrixRef<T> log_probs, const ClassTargets<T>& targets, std::span<T> row_loss) {
  require_rows("smoothing_loss_rows", log_probs, targets.index.size(), "targets");
  require_rows("smoothing_loss_rows", log_probs, row_loss.size(), "row losses");
  require_class_weights("smoothing_loss_rows", log_probs, targets.weight.size());
  for (size_t i = 0; i < row_loss.size(); ++i) {
    const auto row = log_probs.row(static_cast<Eigen::Index>(i)).array();
    if (targets.ignored(i))
      row_loss[i] = T(0);
    else if (targets.weight.empty())
      row_loss[i] = -row.sum();
    else
      row_loss[i] = -(row * as_row_array(targets.weight)).sum();
  }
}

template <typename T>
void smoothing_loss_backward(const ClassTargets<T>& targets, T upstream, MatrixRef<T> grad_log_probs) {
  require_rows("smoothing_loss_backward", grad_log_probs, targets.index.size(), "targets");
  require_class_weights("smoothing_loss_backward", grad_log_probs, targets.weight.size());
  for (size_t i = 0; i < targets.index.size(); ++i) {
    if (targets.ignored(i)) continue;
    auto row = grad_log_probs.row(static_cast<Eigen::Index>(i)).array();
    if (targets.weight.empty())
      row += -upstream;
    else
      row += -upstream * as_row_array(targets.weight);
  }
}

#define CELAB_INSTANTIATE(T)                                                                      \
  template void smoothing_loss_rows<T>(ConstMatrixRef<T>, const ClassTargets<T>&, std::span<T>);   \
  template void smoothing_loss_backward<T>(const ClassTargets<T>&, T, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
