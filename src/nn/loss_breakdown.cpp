#include "nn/loss_breakdown.h"

#include <algorithm>
#include <cmath>

#include "nn/cross_entropy.h"
#include "nn/label_smoothing.h"
#include "nn/nll_loss.h"
#include "nn/soft_target_loss.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

using Eigen::Index;

// Everything but the per-row terms: the library's loss and gradient, softmax and log_softmax.
// Runs first, so that input PyTorch rejects throws its LossError before anything else is computed.
template <typename Target>
LossBreakdown start(ConstMatrixRef<double> logits, const Target& target, const CrossEntropyOptions<double>& options) {
  LossBreakdown b;
  const Index n = logits.rows(), c = logits.cols();
  b.reduction = options.reduction;
  b.label_smoothing = options.label_smoothing;
  b.grad_logits.resize(n, c);
  b.library_rows.resize(static_cast<size_t>(n));
  const double loss = cross_entropy_rows<double>(logits, target, options, b.grad_logits, b.library_rows);
  b.library = options.reduction == Reduction::None ? b.library_rows : std::vector<double>{loss};
  b.probabilities.resize(n, c);
  b.log_probabilities.resize(n, c);
  softmax<double>(logits, b.probabilities);
  log_softmax<double>(logits, b.log_probabilities);
  for (auto* v : {&b.log_sum_exp, &b.neg_log_p, &b.smoothing_term, &b.target_weight, &b.row_loss})
    v->assign(static_cast<size_t>(n), 0.0);
  b.ignored.assign(static_cast<size_t>(n), 0);
  return b;
}

// lse = m + log Σ exp(x − m), m the row's maximum, so that large logits do not overflow.
double log_sum_exp(ConstMatrixRef<double> logits, Index row) {
  const double m = logits.row(row).maxCoeff();
  double sum = 0;
  for (Index k = 0; k < logits.cols(); ++k) sum += std::exp(logits(row, k) - m);
  return m + std::log(sum);
}

// The reduction of per-row values: all of them (none), their sum, or sum / divisor (mean).
std::vector<double> reduce(const std::vector<double>& rows, Reduction reduction, double sum, double divisor) {
  if (reduction == Reduction::None) return rows;
  return {reduction == Reduction::Mean ? sum / divisor : sum};
}

void finish(LossBreakdown& b) {
  b.sum = 0;
  for (double l : b.row_loss) b.sum += l;
  b.mean = b.sum / b.mean_divisor;
  b.formula = reduce(b.row_loss, b.reduction, b.sum, b.mean_divisor);
}

// loss + share·term, where a share of 0 adds nothing: PyTorch skips the smoothing term without label
// smoothing, so a term that is infinite (a class whose logit is −inf) does not make 0·∞ = NaN.
double with_smoothing(double loss, double share, double term) { return share > 0 ? loss + share * term : loss; }

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

double LossBreakdown::max_disagreement() const {
  double worst = 0;
  const std::vector<double>* ways[] = {&library, &formula, &log_softmax_nll};
  for (const auto* a : ways)
    for (const auto* b : ways)
      for (size_t i = 0; i < std::min(a->size(), b->size()); ++i)
        if (!same((*a)[i], (*b)[i]))
          worst = std::max(worst, std::isnan((*a)[i] - (*b)[i]) ? INFINITY : std::abs((*a)[i] - (*b)[i]));
  return worst;
}

LossBreakdown loss_breakdown(ConstMatrixRef<double> logits, std::span<const int64_t> target,
                             const CrossEntropyOptions<double>& options) {
  LossBreakdown b = start(logits, target, options);
  const Index n = logits.rows(), c = logits.cols();
  const double eps = options.label_smoothing;

  // 2. The formula.
  for (Index i = 0; i < n; ++i) {
    const auto r = static_cast<size_t>(i);
    b.log_sum_exp[r] = log_sum_exp(logits, i);
    b.ignored[r] = target[r] == options.ignore_index;
    if (b.ignored[r]) continue;
    const auto y = static_cast<Index>(target[r]);
    b.neg_log_p[r] = -logits(i, y) + b.log_sum_exp[r];
    for (Index k = 0; k < c; ++k)
      b.smoothing_term[r] += options.weight_of(static_cast<size_t>(k)) * (-logits(i, k) + b.log_sum_exp[r]);
    b.smoothing_term[r] /= static_cast<double>(c);
    b.target_weight[r] = options.weight_of(static_cast<size_t>(y));
    b.row_loss[r] = with_smoothing((1 - eps) * b.target_weight[r] * b.neg_log_p[r], eps, b.smoothing_term[r]);
    b.mean_divisor += b.target_weight[r];
  }
  finish(b);

  // 3. LogSoftmax, then NLLLoss (and the smoothing term) from the library's blocks.
  const ClassTargets<double> targets{target, options.weight, options.ignore_index};
  std::vector<double> nll(static_cast<size_t>(n)), smooth(static_cast<size_t>(n));
  nll_loss_rows<double>(b.log_probabilities, targets, nll);
  smoothing_loss_rows<double>(b.log_probabilities, targets, smooth);
  std::vector<double> rows(static_cast<size_t>(n));
  double sum = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    rows[r] = with_smoothing((1 - eps) * nll[r], eps / static_cast<double>(c), smooth[r]);
    sum += rows[r];
  }
  b.log_softmax_nll = reduce(rows, options.reduction, sum, nll_total_weight(targets));
  return b;
}

LossBreakdown loss_breakdown(ConstMatrixRef<double> logits, ConstMatrixRef<double> target_probabilities,
                             const CrossEntropyOptions<double>& options) {
  LossBreakdown b = start(logits, target_probabilities, options);
  b.probability_targets = true;
  const Index n = logits.rows(), c = logits.cols();
  const double eps = options.label_smoothing;

  // 2. The formula.
  for (Index i = 0; i < n; ++i) {
    const auto r = static_cast<size_t>(i);
    b.log_sum_exp[r] = log_sum_exp(logits, i);
    for (Index k = 0; k < c; ++k) {
      const double w = options.weight_of(static_cast<size_t>(k)), neg_log_p = -logits(i, k) + b.log_sum_exp[r];
      b.neg_log_p[r] += w * target_probabilities(i, k) * neg_log_p;
      b.smoothing_term[r] += w * neg_log_p;
    }
    b.smoothing_term[r] /= static_cast<double>(c);
    b.target_weight[r] = 1;
    b.row_loss[r] = with_smoothing((1 - eps) * b.neg_log_p[r], eps, b.smoothing_term[r]);
    b.mean_divisor += 1;
  }
  finish(b);

  // 3. LogSoftmax, then the soft-target NLL on the (smoothed) target.
  RowMatrix<double> q = target_probabilities;
  if (eps > 0) smooth_probabilities<double>(target_probabilities, eps, q);
  std::vector<double> rows(static_cast<size_t>(n));
  soft_target_loss_rows<double>(b.log_probabilities, q, options.weight, rows);
  double sum = 0;
  for (double l : rows) sum += l;
  b.log_softmax_nll = reduce(rows, options.reduction, sum, static_cast<double>(n));
  return b;
}

}  // namespace celab::nn
