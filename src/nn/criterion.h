// What a training run minimises: the one choice of criterion that the training lab, `celab train`
// and the page's mistakes and confidence cards share. Adding a criterion starts here.
//   cross_entropy  nn.CrossEntropyLoss()(logits, y)                       (the right one)
//   softmax_first  nn.CrossEntropyLoss()(logits.softmax(1), y)            (a common mistake: softmax
//                  applied twice; the loss never falls below log(e + C - 1) - 1)
//   squared_error  ((logits.softmax(1) - one_hot(y)) ** 2).sum(1).mean()  (squared error on probabilities,
//                  as TensorFlow Playground trains; its push on a sure, wrong logit vanishes)
#pragma once

#include <span>
#include <string_view>

#include "nn/eigen_types.h"
#include "nn/loss_options.h"

namespace celab::nn {

enum class Criterion { CrossEntropy, SoftmaxFirst, SquaredError };
inline constexpr Criterion kCriteria[] = {Criterion::CrossEntropy, Criterion::SoftmaxFirst, Criterion::SquaredError};

// The name used on the command line and in window.celab (the training wire, app/core/training_wire.h,
// carries the C++ value, checked against kCriteria).
constexpr const char* criterion_name(Criterion c) {
  switch (c) {
    case Criterion::CrossEntropy:
      return "cross_entropy";
    case Criterion::SoftmaxFirst:
      return "softmax_first";
    case Criterion::SquaredError:
      return "squared_error";
  }
  return "?";
}

// "cross_entropy" | "softmax_first" | "squared_error"; throws LossError naming the bad value otherwise.
inline Criterion parse_criterion(std::string_view name) {
  for (Criterion c : kCriteria)
    if (name == criterion_name(c)) return c;
  throw LossError("criterion '" + std::string(name) + "' is not one of cross_entropy, softmax_first, squared_error");
}

// The criterion's value on a batch, with the same contract as cross_entropy_rows (cross_entropy.h):
//   logits (N, C); target N class indices in [0, C) or options.ignore_index;
//   returns the reduced loss (reduction none: the sum of the row losses);
//   grad_logits (N, C) gets the gradient of that return value; row_loss (N), unless empty, the row losses.
// cross_entropy  is cross_entropy_rows itself, with every option.
// softmax_first  is cross_entropy_rows over p = softmax(x) taken as logits (every option applies to that
//                mistaken loss), its gradient carried back through the softmax.
// squared_error  per row sum_c (p_c - q_c)^2, q = (1 - eps) one_hot(y) + eps / C (eps: label_smoothing);
//                reduction mean divides by the rows not ignored (0/0 = NaN when all are, as PyTorch's mean
//                of an empty tensor); class weights are not defined for it (LossError).
// Throws LossError naming the bad value, as cross_entropy_rows does.
template <typename T>
T criterion_rows(Criterion criterion, ConstMatrixRef<T> logits, std::span<const int64_t> target,
                 const CrossEntropyOptions<T>& options, MatrixRef<T> grad_logits, std::span<T> row_loss = {});

}  // namespace celab::nn
