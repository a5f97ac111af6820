#include "nn/nll_loss.h"

#include <algorithm>
#include <string>

#include "nn/error_text.h"
#include "nn/pytorch_errors.h"
#include "nn/row_kernels.h"
#include "nn/shape_check.h"

namespace celab::nn {

void check_class_weight_count(size_t weight_count, int64_t num_classes) {
  if (weight_count != 0 && static_cast<int64_t>(weight_count) != num_classes)
    throw LossError("weight has " + count_text(weight_count, "value") + " but the input has " +
                    std::to_string(num_classes) + " classes");
}

template <typename T>
void check_class_targets(const ClassTargets<T>& targets, int64_t num_classes) {
  check_class_weight_count(targets.weight.size(), num_classes);
  for (size_t i = 0; i < targets.index.size(); ++i) {
    const int64_t t = targets.index[i];
    if (t != targets.ignore_index && (t < 0 || t >= num_classes))
      throw LossError("target " + std::to_string(t) + " at position " + std::to_string(i) + " is out of range [0, " +
                      std::to_string(num_classes) + ")" +
                      (t < 0 ? " and is not ignore_index " + std::to_string(targets.ignore_index) : "") +
                      " (PyTorch: " + pytorch_target_out_of_bounds(t) + ")");
  }
}

template <typename T>
double nll_total_weight(const ClassTargets<T>& targets) {
  double total = 0;
  for (size_t i = 0; i < targets.index.size(); ++i)
    if (!targets.ignored(i)) total += targets.weight_of(i);
  return total;
}

template <typename T>
void nll_loss_rows(ConstMatrixRef<T> log_probs, const ClassTargets<T>& targets, std::span<T> row_loss) {
  require_rows("nll_loss_rows", log_probs, targets.index.size(), "targets");
  require_rows("nll_loss_rows", log_probs, row_loss.size(), "row losses");
  for (size_t i = 0; i < row_loss.size(); ++i)
    row_loss[i] =
        targets.ignored(i) ? T(0) : -targets.weight_of(i) * log_probs(static_cast<Eigen::Index>(i), targets.index[i]);
}

template <typename T>
void nll_loss_backward(const ClassTargets<T>& targets, T upstream, MatrixRef<T> grad_log_probs) {
  require_rows("nll_loss_backward", grad_log_probs, targets.index.size(), "targets");
  kernels::rows_as_runs(
      grad_log_probs.rows(), grad_log_probs.cols(),
      [&](Eigen::Index first, Eigen::Index count) {
        std::fill_n(grad_log_probs.row(first).data(), count * grad_log_probs.cols(), T(0));
      },
      grad_log_probs);
  for (size_t i = 0; i < targets.index.size(); ++i)
    if (!targets.ignored(i))
      grad_log_probs(static_cast<Eigen::Index>(i), targets.index[i]) = targets.weight_of(i) * -upstream;
}

#define CELAB_INSTANTIATE(T)                                                               \
  template void check_class_targets<T>(const ClassTargets<T>&, int64_t);                   \
  template double nll_total_weight<T>(const ClassTargets<T>&);                             \
  template void nll_loss_rows<T>(ConstMatrixRef<T>, const ClassTargets<T>&, std::span<T>); \
  template void nll_loss_backward<T>(const ClassTargets<T>&, T, MatrixRef<T>);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
