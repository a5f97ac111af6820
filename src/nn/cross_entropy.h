// Cross-entropy exactly as PyTorch's nn.CrossEntropyLoss computes it (1.13 semantics):
// log_softmax over the class dimension, then NLLLoss: loss = -x[y] + log(sum_c exp(x[c])).
//
// Shapes follow PyTorch: input (C), (N,C) or (N,C,d1,...,dk), row-major.
//   index targets: shape (), (N) or (N,d1,...,dk); integers in [0,C) or ignore_index.
//   probability targets: same shape as input.
// Supported in float and double (explicit instantiations in cross_entropy.cpp).
//
// Built from the row-wise blocks in softmax.h, nll_loss.h, label_smoothing.h and
// soft_target_loss.h. Where PyTorch 1.13 is silent, this library is stricter: a negative
// label_smoothing is rejected (PyTorch treats it as 0), as is an input without classes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/loss_options.h"

namespace celab::nn {

// A PyTorch-shaped tensor: row-major data plus its shape (empty shape = scalar).
template <typename T>
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<T> data;
};

// The number of elements of a shape (1 for shape []). Throws LossError naming `what` and the
// shape for a negative dimension or a count beyond int64_t.
int64_t element_count(const std::vector<int64_t>& shape, const std::string& what);

template <typename T>
struct LossAndGrad {
  Tensor<T> loss;        // shape () for mean/sum; the target's shape for none
  Tensor<T> grad_input;  // gradient of sum(loss) with respect to input, input's shape
};

// Class-index targets: integers in [0, C) or ignore_index, shape (), (N) or (N,d1,...,dk).
template <typename T>
LossAndGrad<T> cross_entropy(const Tensor<T>& input, const Tensor<int64_t>& target,
                             const CrossEntropyOptions<T>& options);

// Class-probability targets (same shape as input).
template <typename T>
LossAndGrad<T> cross_entropy(const Tensor<T>& input, const Tensor<T>& target, const CrossEntropyOptions<T>& options);

// One sample: logits (C) and its class index; the loss has shape (), the gradient shape (C).
LossAndGrad<float> cross_entropy(std::span<const float> logits, int64_t target,
                                 const CrossEntropyOptions<float>& options = {});
LossAndGrad<double> cross_entropy(std::span<const double> logits, int64_t target,
                                  const CrossEntropyOptions<double>& options = {});

// The same on a batch of rows (N, C), writing into the caller's buffers (no allocation per call
// beyond a small scratch block), e.g. for training. Returns the reduced loss (for reduction none:
// the sum of the row losses). Writes grad_logits (N, C), the gradient of that return value, and
// row_loss (N) unless it is empty: the per-row losses of reduction none.
// Call as cross_entropy_rows<float>(...) or <double>.
template <typename T>
T cross_entropy_rows(ConstMatrixRef<T> logits, std::span<const int64_t> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss = {});

// Probability targets (N, C).
template <typename T>
T cross_entropy_rows(ConstMatrixRef<T> logits, ConstMatrixRef<T> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss = {});

}  // namespace celab::nn
