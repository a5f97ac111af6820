// What a training run minimises: the one choice of criterion that the training lab, `celab train`
// and the page's mistakes and confidence cards share. Adding a criterion starts here.
//   cross_entropy  nn.CrossEntropyLoss()(logits, y)                       (the right one)
//   softmax_first  nn.CrossEntropyLoss()(logits.softmax(1), y)            (a common mistake: softmax
//                  applied twice; the loss never falls below log(e + C - 1) - 1)
//   squared_error  ((logits.softmax(1) - one_hot(y)) ** 2).sum(1).mean()  (squared error on probabilities,
//                  as TensorFlow Playground trains; its push on a sure, wrong logit vanishes)
#pragma once

#include <string_view>

#include "nn/loss_options.h"

namespace celab::nn {

enum class Criterion { CrossEntropy, SoftmaxFirst, SquaredError };
inline constexpr Criterion kCriteria[] = {Criterion::CrossEntropy, Criterion::SoftmaxFirst, Criterion::SquaredError};

// The name used on the command line, in window.celab and in the worker's messages.
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

}  // namespace celab::nn
