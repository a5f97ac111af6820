// nn.CrossEntropyLoss from the row-wise blocks: log_softmax, then NLL (+ the label smoothing
// term) or the soft-target loss, then their backward passes, one cache-sized block of rows at a
// time so that the intermediate log-probabilities never leave the cache.
#include "nn/cross_entropy.h"

#include <algorithm>
#include <cmath>

#include "nn/error_text.h"
#include "nn/label_smoothing.h"
#include "nn/nll_loss.h"
#include "nn/pytorch_errors.h"
#include "nn/soft_target_loss.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

using Eigen::Index;

// About 32 KiB of log-probabilities per block: stays in L1/L2 between the passes over it.
template <typename T>
Index rows_per_block(Index num_classes) {
  return std::max<Index>(1, (Index{32} << 10) / Index{sizeof(T)} / num_classes);  // no overflow for any C
}

void check_label_smoothing(double eps) {
  if (!(eps >= 0.0 && eps <= 1.0)) throw LossError("label_smoothing " + number_text(eps) + " is outside [0, 1]");
}

template <typename T>
void check_row_outputs(ConstMatrixRef<T> logits, MatrixRef<T> grad_logits, std::span<T> row_loss) {
  if (logits.cols() == 0) throw LossError("the input has no classes (C = 0)");
  if (grad_logits.rows() != logits.rows() || grad_logits.cols() != logits.cols())
    throw LossError("grad_logits is " + std::to_string(grad_logits.rows()) + "x" + std::to_string(grad_logits.cols()) +
                    " but the logits are " + std::to_string(logits.rows()) + "x" + std::to_string(logits.cols()));
  if (!row_loss.empty() && row_loss.size() != static_cast<size_t>(logits.rows()))
    throw LossError("row_loss has " + count_text(row_loss.size(), "value") + " but there are " +
                    std::to_string(logits.rows()) + " rows");
}

// PyTorch's split of a tensor shape into batch N, classes C and the product D of d1..dk.
struct Layout {
  int64_t batch = 1;
  int64_t classes = 0;
  int64_t spatial = 1;
  Index rows() const { return batch * spatial; }
};

template <typename V>
void check_data_size(const std::vector<int64_t>& shape, const std::vector<V>& data, const char* what) {
  const int64_t needed = element_count(shape, what);
  if (static_cast<int64_t>(data.size()) != needed)
    throw LossError(std::string(what) + " has " + count_text(data.size(), "value") + " but its shape " +
                    shape_text(shape) + " needs " + std::to_string(needed));
}

template <typename T>
Layout input_layout(const Tensor<T>& input) {
  if (input.shape.empty())
    throw LossError("input must have shape (C), (N, C) or (N, C, d1, ..., dk), got a scalar (shape [])");
  check_data_size(input.shape, input.data, "input");
  Layout layout;
  if (input.shape.size() == 1) {
    layout.classes = input.shape[0];
  } else {
    layout.batch = input.shape[0];
    layout.classes = input.shape[1];
    layout.spatial = element_count({input.shape.begin() + 2, input.shape.end()}, "input");
  }
  if (layout.classes == 0) throw LossError("input shape " + shape_text(input.shape) + " has no classes (C = 0)");
  if (layout.spatial == 0) layout.batch = 0;  // no rows: nothing for the loops over the batch to visit
  return layout;
}

// The input's shape without the class dimension: the shape of index targets and of `none` losses.
std::vector<int64_t> per_sample_shape(const std::vector<int64_t>& input_shape) {
  if (input_shape.size() == 1) return {};
  std::vector<int64_t> shape = input_shape;
  shape.erase(shape.begin() + 1);
  return shape;
}

void check_index_target_shape(const std::vector<int64_t>& input_shape, const std::vector<int64_t>& target_shape) {
  const auto expected = per_sample_shape(input_shape);
  if (target_shape == expected) return;
  if (input_shape.size() >= 2 && !target_shape.empty() && target_shape[0] != input_shape[0])
    throw LossError("input batch size " + std::to_string(input_shape[0]) + " does not match target batch size " +
                    std::to_string(target_shape[0]) + " (input shape " + shape_text(input_shape) + ", target shape " +
                    shape_text(target_shape) + ")");
  throw LossError("target shape " + shape_text(target_shape) + " does not match input shape " +
                  shape_text(input_shape) + ": expected " + shape_text(expected));
}

// (N, C, D) -> (N*D, C): one row per sample and position, classes contiguous.
template <typename T>
RowMatrix<T> classes_last(const std::vector<T>& data, const Layout& layout) {
  RowMatrix<T> rows(layout.rows(), layout.classes);
  for (int64_t n = 0; n < layout.batch; ++n)
    rows.middleRows(n * layout.spatial, layout.spatial) =
        Eigen::Map<const RowMatrix<T>>(data.data() + n * layout.classes * layout.spatial, layout.classes,
                                       layout.spatial)
            .transpose();
  return rows;
}

// (N*D, C) -> (N, C, D), into `data`.
template <typename T>
void classes_back(const RowMatrix<T>& rows, const Layout& layout, std::vector<T>& data) {
  for (int64_t n = 0; n < layout.batch; ++n)
    Eigen::Map<RowMatrix<T>>(data.data() + n * layout.classes * layout.spatial, layout.classes, layout.spatial) =
        rows.middleRows(n * layout.spatial, layout.spatial).transpose();
}

// Runs the row computation on the input seen as (N*D, C) rows and shapes the result like PyTorch.
// `compute(logits_rows, grad_rows, row_loss)` returns the reduced loss.
template <typename T, typename Compute>
LossAndGrad<T> on_rows(const Tensor<T>& input, const Layout& layout, Reduction reduction, Compute&& compute) {
  LossAndGrad<T> result;
  result.grad_input = {input.shape, std::vector<T>(input.data.size())};
  const bool keep_rows = reduction == Reduction::None;
  std::vector<T> row_loss(keep_rows ? static_cast<size_t>(layout.rows()) : 0);
  T loss;
  if (layout.spatial == 1) {
    const Eigen::Map<const RowMatrix<T>> logits(input.data.data(), layout.rows(), layout.classes);
    Eigen::Map<RowMatrix<T>> grad(result.grad_input.data.data(), layout.rows(), layout.classes);
    loss = compute(logits, grad, std::span<T>(row_loss));
  } else {
    const RowMatrix<T> logits = classes_last(input.data, layout);
    RowMatrix<T> grad(logits.rows(), logits.cols());
    loss = compute(logits, grad, std::span<T>(row_loss));
    classes_back(grad, layout, result.grad_input.data);
  }
  if (keep_rows)
    result.loss = {per_sample_shape(input.shape), std::move(row_loss)};
  else
    result.loss = {{}, {loss}};
  return result;
}

}  // namespace

int64_t element_count(const std::vector<int64_t>& shape, const std::string& what) {
  int64_t count = 1;
  for (const int64_t d : shape) {
    if (d < 0) throw LossError(what + " shape " + shape_text(shape) + " has a negative dimension");
    if (__builtin_mul_overflow(count, d, &count))
      throw LossError(what + " shape " + shape_text(shape) + " has more elements than an int64_t can count");
  }
  return count;
}

template <typename T>
T cross_entropy_rows(ConstMatrixRef<T> logits, std::span<const int64_t> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss) {
  check_row_outputs(logits, grad_logits, row_loss);
  if (target.size() != static_cast<size_t>(logits.rows()))
    throw LossError("there are " + count_text(target.size(), "target") + " for " + std::to_string(logits.rows()) +
                    " rows of logits");
  check_label_smoothing(options.label_smoothing);
  const ClassTargets<T> targets{target, options.weight, options.ignore_index};
  check_class_targets(targets, logits.cols());

  // PyTorch: loss = (1 - eps) * nll + eps / C * smooth, both divided by the total weight for mean.
  const double eps = options.label_smoothing;
  const bool smoothing = eps > 0.0;
  const bool mean = options.reduction == Reduction::Mean;
  const double total_weight = nll_total_weight(targets);
  const double nll_share = smoothing ? 1.0 - eps : 1.0;
  const double smooth_share = eps / static_cast<double>(logits.cols());
  const T nll_upstream = static_cast<T>(mean ? nll_share / total_weight : nll_share);
  const T smooth_upstream = static_cast<T>(mean ? smooth_share / total_weight : smooth_share);

  const Index block = rows_per_block<T>(logits.cols());
  RowMatrix<T> log_probs(std::min(block, logits.rows()), logits.cols());
  std::vector<T> nll(static_cast<size_t>(log_probs.rows())), smooth(smoothing ? nll.size() : 0);
  double nll_sum = 0, smooth_sum = 0;
  for (Index first = 0; first < logits.rows(); first += block) {
    const Index count = std::min(block, logits.rows() - first);
    const auto rows = targets.rows(static_cast<size_t>(first), static_cast<size_t>(count));
    auto lp = log_probs.topRows(count);
    auto grad = grad_logits.middleRows(first, count);
    const std::span<T> block_nll(nll.data(), static_cast<size_t>(count));
    const std::span<T> block_smooth(smooth.data(), smoothing ? static_cast<size_t>(count) : 0);

    log_softmax<T>(logits.middleRows(first, count), lp);
    nll_loss_rows<T>(lp, rows, block_nll);
    nll_loss_backward<T>(rows, nll_upstream, grad);
    if (smoothing) {
      smoothing_loss_rows<T>(lp, rows, block_smooth);
      smoothing_loss_backward<T>(rows, smooth_upstream, grad);
    }
    log_softmax_backward<T>(grad, lp, grad);

    for (Index i = 0; i < count; ++i) {
      const auto k = static_cast<size_t>(i);
      const T row =
          smoothing ? static_cast<T>(nll_share * block_nll[k] + block_smooth[k] * smooth_share) : block_nll[k];
      nll_sum += block_nll[k];
      if (smoothing) smooth_sum += block_smooth[k];
      if (!row_loss.empty()) row_loss[static_cast<size_t>(first + i)] = row;
    }
  }
  const double divisor = mean ? total_weight : 1.0;
  return static_cast<T>(smoothing ? nll_share * (nll_sum / divisor) + (smooth_sum / divisor) * smooth_share
                                  : nll_sum / divisor);
}

template <typename T>
T cross_entropy_rows(ConstMatrixRef<T> logits, ConstMatrixRef<T> target, const CrossEntropyOptions<T>& options,
                     MatrixRef<T> grad_logits, std::span<T> row_loss) {
  check_row_outputs(logits, grad_logits, row_loss);
  if (target.rows() != logits.rows() || target.cols() != logits.cols())
    throw LossError("probability target is " + std::to_string(target.rows()) + "x" + std::to_string(target.cols()) +
                    " but the logits are " + std::to_string(logits.rows()) + "x" + std::to_string(logits.cols()));
  if (options.ignore_index >= 0)
    throw LossError("ignore_index " + std::to_string(options.ignore_index) +
                    " is not supported with probability targets (it must be negative; PyTorch: " +
                    kPytorchProbsIgnoreIndex + ")");
  check_class_weight_count(options.weight.size(), logits.cols());
  check_label_smoothing(options.label_smoothing);

  // PyTorch: mean divides by the number of rows (N * d1 * ... * dk), whatever the weights.
  const double eps = options.label_smoothing;
  const bool smoothing = eps > 0.0;
  const double divisor = options.reduction == Reduction::Mean ? static_cast<double>(logits.rows()) : 1.0;
  const T upstream = static_cast<T>(1.0 / divisor);
  const std::span<const T> weight(options.weight);

  const Index block = rows_per_block<T>(logits.cols());
  RowMatrix<T> log_probs(std::min(block, logits.rows()), logits.cols());
  RowMatrix<T> smoothed(smoothing ? log_probs.rows() : 0, logits.cols());
  std::vector<T> loss(static_cast<size_t>(log_probs.rows()));
  double sum = 0;
  for (Index first = 0; first < logits.rows(); first += block) {
    const Index count = std::min(block, logits.rows() - first);
    auto lp = log_probs.topRows(count);
    auto grad = grad_logits.middleRows(first, count);
    const auto probs = target.middleRows(first, count);
    const std::span<T> block_loss(loss.data(), static_cast<size_t>(count));
    if (smoothing) smooth_probabilities<T>(probs, eps, smoothed.topRows(count));
    const ConstMatrixRef<T> q = smoothing ? ConstMatrixRef<T>(smoothed.topRows(count)) : ConstMatrixRef<T>(probs);

    log_softmax<T>(logits.middleRows(first, count), lp);
    soft_target_loss_rows<T>(lp, q, weight, block_loss);
    soft_target_loss_backward<T>(q, weight, upstream, grad);
    log_softmax_backward<T>(grad, lp, grad);

    for (Index i = 0; i < count; ++i) {
      sum += block_loss[static_cast<size_t>(i)];
      if (!row_loss.empty()) row_loss[static_cast<size_t>(first + i)] = block_loss[static_cast<size_t>(i)];
    }
  }
  return static_cast<T>(sum / divisor);
}

template <typename T>
LossAndGrad<T> cross_entropy(const Tensor<T>& input, const Tensor<int64_t>& target,
                             const CrossEntropyOptions<T>& options) {
  const Layout layout = input_layout(input);
  check_index_target_shape(input.shape, target.shape);
  check_data_size(target.shape, target.data, "target");
  return on_rows(input, layout, options.reduction, [&](ConstMatrixRef<T> logits, MatrixRef<T> grad, std::span<T> rows) {
    return cross_entropy_rows<T>(logits, target.data, options, grad, rows);
  });
}

template <typename T>
LossAndGrad<T> cross_entropy(const Tensor<T>& input, const Tensor<T>& target, const CrossEntropyOptions<T>& options) {
  const Layout layout = input_layout(input);
  if (target.shape != input.shape)
    throw LossError("probability target shape " + shape_text(target.shape) + " does not match input shape " +
                    shape_text(input.shape) + " (they must be equal)");
  check_data_size(target.shape, target.data, "target");
  return on_rows(input, layout, options.reduction, [&](ConstMatrixRef<T> logits, MatrixRef<T> grad, std::span<T> rows) {
    if (layout.spatial == 1)
      return cross_entropy_rows<T>(logits,
                                   Eigen::Map<const RowMatrix<T>>(target.data.data(), layout.rows(), layout.classes),
                                   options, grad, rows);
    return cross_entropy_rows<T>(logits, classes_last(target.data, layout), options, grad, rows);
  });
}

LossAndGrad<float> cross_entropy(std::span<const float> logits, int64_t target,
                                 const CrossEntropyOptions<float>& options) {
  return cross_entropy<float>({{static_cast<int64_t>(logits.size())}, {logits.begin(), logits.end()}},
                              Tensor<int64_t>{{}, {target}}, options);
}

LossAndGrad<double> cross_entropy(std::span<const double> logits, int64_t target,
                                  const CrossEntropyOptions<double>& options) {
  return cross_entropy<double>({{static_cast<int64_t>(logits.size())}, {logits.begin(), logits.end()}},
                               Tensor<int64_t>{{}, {target}}, options);
}

#define CELAB_INSTANTIATE(T)                                                                                          \
  template T cross_entropy_rows<T>(ConstMatrixRef<T>, std::span<const int64_t>, const CrossEntropyOptions<T>&,        \
                                   MatrixRef<T>, std::span<T>);                                                       \
  template T cross_entropy_rows<T>(ConstMatrixRef<T>, ConstMatrixRef<T>, const CrossEntropyOptions<T>&, MatrixRef<T>, \
                                   std::span<T>);                                                                     \
  template LossAndGrad<T> cross_entropy<T>(const Tensor<T>&, const Tensor<int64_t>&, const CrossEntropyOptions<T>&);  \
  template LossAndGrad<T> cross_entropy<T>(const Tensor<T>&, const Tensor<T>&, const CrossEntropyOptions<T>&);
CELAB_INSTANTIATE(float)
CELAB_INSTANTIATE(double)
#undef CELAB_INSTANTIATE

}  // namespace celab::nn
