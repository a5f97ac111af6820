// Cross-entropy against class-probability targets, on log-probabilities, as PyTorch 1.13's
// cross_entropy_loss_prob_target computes it: row_loss_i = -sum_c log_probs[i,c] * q[i,c] * weight[c],
// where q is the target, or with label smoothing eps: q = target * (1 - eps) + eps / C.
// There is no ignore_index here, and `mean` divides by the number of rows.
#pragma once

#include <span>

#include "nn/eigen_types.h"

namespace celab::nn {

// smoothed = probs * (1 - eps) + eps / C.
template <typename T>
void smooth_probabilities(ConstMatrixRef<T> probs, double eps, MatrixRef<T> smoothed);

// row_loss[i] = -sum_c log_probs[i, c] * target[i, c] * weight[c] (weight empty: all 1).
template <typename T>
void soft_target_loss_rows(ConstMatrixRef<T> log_probs, ConstMatrixRef<T> target, std::span<const T> weight,
                           std::span<T> row_loss);

// The gradient of upstream * sum_i row_loss[i] with respect to log_probs (writes every element):
// -upstream * weight[c] * target[i, c].
template <typename T>
void soft_target_loss_backward(ConstMatrixRef<T> target, std::span<const T> weight, T upstream,
                               MatrixRef<T> grad_log_probs);

}  // namespace celab::nn
