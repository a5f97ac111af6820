#include "nn/criterion.h"

#include <string>
#include <vector>

#include "nn/cross_entropy.h"
#include "nn/error_text.h"
#include "nn/nll_loss.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

using Eigen::Index;

// An (N, C) scratch matrix that grows and is then reused: a training step calls the criterion every
// step and must not allocate once warmed up (tests/unit/test_no_allocation.cpp).
template <typename T>
Eigen::Map<RowMatrix<T>> scratch(std::vector<T>& buffer, Index rows, Index cols) {
  const size_t need = static_cast<size_t>(rows * cols);
  if (buffer.size() < need) buffer.resize(need);
  return Eigen::Map<RowMatrix<T>>(buffer.data(), rows, cols);
}

template <typename T>
struct Scratch {
  std::vector<T> probs, grad_probs;
};

template <typename T>
Scratch<T>& thread_scratch() {
  thread_local Scratch<T> s;
  return s;
}

template <typename T>
void check_outputs(ConstMatrixRef<T> logits, std::span<const int64_t> target, MatrixRef<T> grad_logits,
                   std::span<T> row_loss) {
  if (logits.cols() == 0) throw LossError("the input has no classes (C = 0)");
  if (target.size() != static_cast<size_t>(logits.rows()))
    throw LossError("there are " + count_text(target.size(), "target") + " for " + std::to_string(logits.rows()) +
                    " rows of logits");
  if (grad_logits.rows() != logits.rows() || grad_logits.cols() != logits.cols())
    throw LossError("grad_logits is " + std::to_string(grad_logits.rows()) + "x" + std::to_string(grad_logits.cols()) +
                    " but the logits are " + std::to_string(logits.rows()) + "x" + std::to_string(logits.cols()));
  if (!row_loss.empty() && row_loss.size() != static_cast<size_t>(logits.rows()))
    throw LossError("row_loss has " + count_text(row_loss.size(), "value") + " but there are " +
                    std::to_string(logits.rows()) + " rows");
}

// L = CE(softmax(x)); dL/dx = softmax_backward(dL/dp, p).
template <typename T>
T softmax_first_rows(ConstMatrixRef<T> logits, std::span<const int64_t> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss) {
  check_outputs(logits, target, grad_logits, row_loss);
  Scratch<T>& s = thread_scratch<T>();
  auto probs = scratch(s.probs, logits.rows(), logits.cols());
  auto grad_probs = scratch(s.grad_probs, logits.rows(), logits.cols());
  softmax<T>(logits, probs);
  const T loss = cross_entropy_rows<T>(probs, target, options, grad_probs, row_loss);
  softmax_backward<T>(grad_probs, probs, grad_logits);
  return loss;
}

// L_i = sum_c (p_c - q_c)^2; dL_i/dp = 2 (p - q); dL/dx = softmax_backward(dL/dp, p).
template <typename T>
T squared_error_rows(ConstMatrixRef<T> logits, std::span<const int64_t> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss) {
  check_outputs(logits, target, grad_logits, row_loss);
  if (options.weighted()) throw LossError("class weights are not defined for the squared error criterion");
  const double eps = options.label_smoothing;
  if (!(eps >= 0.0 && eps <= 1.0)) throw LossError("label_smoothing " + number_text(eps) + " is outside [0, 1]");
  check_class_targets<T>(ClassTargets<T>{target, {}, options.ignore_index}, logits.cols());

  const Index rows = logits.rows(), cols = logits.cols();
  size_t kept = 0;
  for (int64_t t : target) kept += t != options.ignore_index;
  // mean: 1 / (rows kept); 0 kept rows give 0 * inf = NaN in the loss, as PyTorch's mean of nothing.
  const double upstream = options.reduction == Reduction::Mean ? 1.0 / static_cast<double>(kept) : 1.0;
  const T off = static_cast<T>(eps / static_cast<double>(cols));
  const T on = static_cast<T>(1.0 - eps) + off;

  Scratch<T>& s = thread_scratch<T>();
  auto probs = scratch(s.probs, rows, cols);
  auto grad_probs = scratch(s.grad_probs, rows, cols);
  softmax<T>(logits, probs);
  double sum = 0;
  for (Index i = 0; i < rows; ++i) {
    const int64_t t = target[static_cast<size_t>(i)];
    const bool ignored = t == options.ignore_index;
    T row = 0;
    for (Index c = 0; c < cols; ++c) {
      const T d = probs(i, c) - (c == t ? on : off);
      row += d * d;
      grad_probs(i, c) = ignored ? T(0) : static_cast<T>(2.0 * upstream) * d;
    }
    if (ignored) row = 0;
    sum += row;
    if (!row_loss.empty()) row_loss[static_cast<size_t>(i)] = row;
  }
  softmax_backward<T>(grad_probs, probs, grad_logits);
  return static_cast<T>(options.reduction == Reduction::Mean ? sum * upstream : sum);
}

}  // namespace

template <typename T>
T criterion_rows(Criterion criterion, ConstMatrixRef<T> logits, std::span<const int64_t> target,
                 const CrossEntropyOptions<T>& options, MatrixRef<T> grad_logits, std::span<T> row_loss) {
  switch (criterion) {
    case Criterion::CrossEntropy:
      return cross_entropy_rows<T>(logits, target, options, grad_logits, row_loss);
    case Criterion::SoftmaxFirst:
      return softmax_first_rows<T>(logits, target, options, grad_logits, row_loss);
    case Criterion::SquaredError:
      return squared_error_rows<T>(logits, target, options, grad_logits, row_loss);
  }
  throw LossError("unknown criterion " + std::to_string(static_cast<int>(criterion)));
}

template float criterion_rows<float>(Criterion, ConstMatrixRef<float>, std::span<const int64_t>,
                                     const CrossEntropyOptions<float>&, MatrixRef<float>, std::span<float>);
template double criterion_rows<double>(Criterion, ConstMatrixRef<double>, std::span<const int64_t>,
                                       const CrossEntropyOptions<double>&, MatrixRef<double>, std::span<double>);

}  // namespace celab::nn
