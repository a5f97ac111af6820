// The extra term label smoothing adds for class-index targets, as PyTorch 1.13 computes it
// (cross_entropy_loss_label_smoothing in aten/src/ATen/native/LossNLL.cpp):
//   loss = (1 - eps) * nll + eps / C * smooth,   smooth_i = -sum_c weight[c] * log_probs[i, c],
// with smooth_i = 0 where the target is ignored, and `mean` dividing both sums by the same
// summed target weight (nll_total_weight).
#pragma once

#include <span>

#include "nn/eigen_types.h"
#include "nn/nll_loss.h"

namespace celab::nn {

// row_loss[i] = -sum_c weight[c] * log_probs[i, c] (weight 1 when there are none), 0 where ignored.
template <typename T>
void smoothing_loss_rows(ConstMatrixRef<T> log_probs, const ClassTargets<T>& targets, std::span<T> row_loss);

// Adds the gradient of upstream * sum_i row_loss[i] to grad_log_probs: -upstream * weight[c]
// on every row that is not ignored.
template <typename T>
void smoothing_loss_backward(const ClassTargets<T>& targets, T upstream, MatrixRef<T> grad_log_probs);

}  // namespace celab::nn
