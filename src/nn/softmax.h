// Softmax and log-softmax along each row of an (N, C) matrix, and their backward passes.
// Stable for huge logits: every row is shifted by its maximum before exp (log-sum-exp), in the
// same order of operations as PyTorch's CPU kernels: logp = (x - max) - log(sum(exp(x - max))).
// A row holding NaN or +inf gives a row of NaN, as in PyTorch. All shapes must match
// (LossError otherwise). The forward passes write to a matrix other than their input; the
// backward passes may write in place over their `grad_*` input. Results do not depend on where
// the matrices sit in memory (see row_kernels.h).
#pragma once

#include "nn/eigen_types.h"

namespace celab::nn {

template <typename T>
void softmax(ConstMatrixRef<T> logits, MatrixRef<T> probs);

template <typename T>
void log_softmax(ConstMatrixRef<T> logits, MatrixRef<T> log_probs);

// grad_logits = probs * (grad_probs - sum_c(grad_probs * probs)), row by row.
template <typename T>
void softmax_backward(ConstMatrixRef<T> grad_probs, ConstMatrixRef<T> probs, MatrixRef<T> grad_logits);

// grad_logits = grad_log_probs - exp(log_probs) * sum_c(grad_log_probs), row by row.
template <typename T>
void log_softmax_backward(ConstMatrixRef<T> grad_log_probs, ConstMatrixRef<T> log_probs, MatrixRef<T> grad_logits);

}  // namespace celab::nn
