// NLLLoss on log-probabilities (N, C), one class index per row, as PyTorch's nll_loss computes it:
// row i contributes -weight[t_i] * log_probs[i, t_i]; rows whose target is ignore_index contribute
// nothing, to the loss, to the gradient, or to the mean's divisor.
#pragma once

#include <cstdint>
#include <span>

#include "nn/eigen_types.h"
#include "nn/loss_options.h"

namespace celab::nn {

// One class index per row, the optional per-class weights and the index that marks "no target".
template <typename T>
struct ClassTargets {
  std::span<const int64_t> index;
  std::span<const T> weight;  // empty: every class weighs 1
  int64_t ignore_index = kDefaultIgnoreIndex;

  bool ignored(size_t row) const { return index[row] == ignore_index; }
  // The weight of row's target class; only for rows that are not ignored.
  T weight_of(size_t row) const { return weight.empty() ? T(1) : weight[static_cast<size_t>(index[row])]; }
  ClassTargets rows(size_t first, size_t count) const { return {index.subspan(first, count), weight, ignore_index}; }
};

// Throws LossError unless there are no weights or exactly one per class:
// "weight has 4 values but the input has 3 classes".
void check_class_weight_count(size_t weight_count, int64_t num_classes);

// Throws LossError unless every target is ignore_index or in [0, num_classes), e.g.
// "target 3 at position 1 is out of range [0, 3)", and the weight count is right (as above).
template <typename T>
void check_class_targets(const ClassTargets<T>& targets, int64_t num_classes);

// The divisor of reduction `mean`: the summed weight of the rows that are not ignored (their
// count when there are no weights). Zero when all are ignored, so that mean gives NaN as in PyTorch.
// Summed in double, also for float.
template <typename T>
double nll_total_weight(const ClassTargets<T>& targets);

// The functions below expect targets that passed check_class_targets for the matrix's C.

// row_loss[i] = -weight[t_i] * log_probs[i, t_i], 0 where ignored.
template <typename T>
void nll_loss_rows(ConstMatrixRef<T> log_probs, const ClassTargets<T>& targets, std::span<T> row_loss);

// The gradient of upstream * sum_i row_loss[i] with respect to log_probs: writes every element,
// -weight[t_i] * upstream at (i, t_i) and 0 elsewhere (a whole row of 0 where ignored).
template <typename T>
void nll_loss_backward(const ClassTargets<T>& targets, T upstream, MatrixRef<T> grad_log_probs);

}  // namespace celab::nn
