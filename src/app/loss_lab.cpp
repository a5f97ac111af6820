#include "app/loss_lab.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "nn/cross_entropy.h"
#include "nn/nll_loss.h"
#include "nn/softmax.h"

namespace celab::app {
namespace {

// log Σ exp(x), shifted by the maximum so that large logits do not overflow.
double log_sum_exp(const std::vector<double>& x) {
  const double m = *std::max_element(x.begin(), x.end());
  double sum = 0;
  for (double v : x) sum += std::exp(v - m);
  return m + std::log(sum);
}

}  // namespace

double LossLabResult::max_disagreement() const {
  return std::max({std::abs(cross_entropy - formula), std::abs(cross_entropy - log_softmax_nll),
                   std::abs(formula - log_softmax_nll)});
}

LossLab::LossLab() { load_article_example(); }

void LossLab::load_article_example() {
  logits_ = {-0.5, -0.2, -0.3};
  target_ = 0;
  recompute();
}

void LossLab::set_num_classes(int count) {
  count = std::clamp(count, kMinClasses, kMaxClasses);
  if (count == num_classes()) return;
  logits_.resize(static_cast<std::size_t>(count), 0.0);
  target_ = std::min(target_, count - 1);
  recompute();
}

void LossLab::set_logit(int index, double value) {
  if (index < 0 || index >= num_classes() || !std::isfinite(value)) return;
  logits_[static_cast<std::size_t>(index)] = value;
  recompute();
}

void LossLab::set_target(int target) {
  if (!valid_target(target)) return;
  target_ = target;
  recompute();
}

void LossLab::recompute() {
  const auto c = static_cast<Eigen::Index>(logits_.size());
  const auto y = static_cast<std::size_t>(target_);
  const Eigen::Map<const nn::RowMatrix<double>> x(logits_.data(), 1, c);

  // Softmax probabilities; LogSoftmax, then NLLLoss (one sample of weight 1: its mean is its row loss).
  result_.probabilities.resize(logits_.size());
  result_.log_probabilities.resize(logits_.size());
  nn::softmax<double>(x, Eigen::Map<nn::RowMatrix<double>>(result_.probabilities.data(), 1, c));
  const Eigen::Map<nn::RowMatrix<double>> log_probs(result_.log_probabilities.data(), 1, c);
  nn::log_softmax<double>(x, log_probs);
  const int64_t target_index[] = {target_};
  nn::ClassTargets<double> targets;  // no class weights, default ignore_index
  targets.index = target_index;
  nn::nll_loss_rows<double>(log_probs, targets, std::span<double>(&result_.log_softmax_nll, 1));

  // The formula, written out.
  result_.log_sum_exp = log_sum_exp(logits_);
  result_.formula = -logits_[y] + result_.log_sum_exp;

  // nn.CrossEntropyLoss with its defaults.
  result_.cross_entropy = nn::cross_entropy(std::span<const double>(logits_), target_).loss.data.at(0);
}

}  // namespace celab::app
