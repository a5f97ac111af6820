#include "app/core/loss_lab.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>

#include "nn/cross_entropy.h"
#include "nn/label_smoothing.h"
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

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

double LossLabResult::max_disagreement() const {
  const double values[] = {cross_entropy, formula, log_softmax_nll};
  double worst = 0;
  for (double a : values)
    for (double b : values)
      if (!same(a, b)) worst = std::max(worst, std::isnan(a - b) ? INFINITY : std::abs(a - b));
  return worst;
}

LossLab::LossLab() { load_article_example(); }

void LossLab::load_article_example() {
  logits_ = {-0.5, -0.2, -0.3};
  target_ = 0;
  settings_ = LossSettings{};
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

void LossLab::set_logits(std::span<const float> logits) {
  const size_t count = std::clamp(logits.size(), size_t{kMinClasses}, size_t{kMaxClasses});
  logits_.assign(count, 0.0);
  std::copy_n(logits.begin(), std::min(count, logits.size()), logits_.begin());
  target_ = std::min(target_, num_classes() - 1);
  recompute();
}

void LossLab::set_target(int target) {
  if (!valid_target(target)) return;
  target_ = target;
  recompute();
}

void LossLab::set_settings(const LossSettings& settings) {
  settings_ = settings;
  settings_.label_smoothing = std::isfinite(settings.label_smoothing) ? std::clamp(settings.label_smoothing, 0.0, 1.0) : 0.0;
  for (double& w : settings_.class_weights) w = std::isfinite(w) ? std::clamp(w, 0.0, LossSettings::kMaxClassWeight) : 1.0;
  recompute();
}

void LossLab::recompute() {
  const auto c = static_cast<Eigen::Index>(logits_.size());
  const auto classes = logits_.size();
  const auto y = static_cast<std::size_t>(target_);
  const double eps = settings_.label_smoothing;
  const bool mean = settings_.reduction == nn::Reduction::Mean;
  LossLabResult& r = result_;
  criterion_ = criterion_text(settings_, num_classes());
  const Eigen::Map<const nn::RowMatrix<double>> x(logits_.data(), 1, c);

  std::vector<double> weights;
  if (settings_.weighted) weights.assign(settings_.class_weights.begin(), settings_.class_weights.begin() + c);
  r.probabilities.resize(classes);
  r.log_probabilities.resize(classes);
  r.grad_logits.resize(classes);
  nn::softmax<double>(x, Eigen::Map<nn::RowMatrix<double>>(r.probabilities.data(), 1, c));
  const Eigen::Map<nn::RowMatrix<double>> log_probs(r.log_probabilities.data(), 1, c);
  nn::log_softmax<double>(x, log_probs);

  // 1. nn.CrossEntropyLoss with the options.
  nn::CrossEntropyOptions<double> options;
  options.weight = weights;
  options.ignore_index = settings_.ignore_index;
  options.reduction = settings_.reduction;
  options.label_smoothing = eps;
  const int64_t target_index[] = {target_};
  r.cross_entropy = nn::cross_entropy_rows<double>(x, target_index, options,
                                                   Eigen::Map<nn::RowMatrix<double>>(r.grad_logits.data(), 1, c));

  // 2. The formula, written out.
  r.ignored = target_ == settings_.ignore_index;
  r.log_sum_exp = log_sum_exp(logits_);
  r.neg_log_p = r.ignored ? 0 : -logits_[y] + r.log_sum_exp;
  r.target_weight = r.ignored ? 0 : settings_.weight_of(target_);
  r.smoothing_term = 0;
  if (!r.ignored)
    for (std::size_t k = 0; k < classes; ++k)
      r.smoothing_term += settings_.weight_of(static_cast<int>(k)) * (-logits_[k] + r.log_sum_exp);
  r.smoothing_term /= static_cast<double>(classes);
  r.divisor = mean ? r.target_weight : 1.0;
  r.formula = ((1 - eps) * r.target_weight * r.neg_log_p + eps * r.smoothing_term) / r.divisor;

  // 3. LogSoftmax, then NLLLoss (and the smoothing term) from the library's blocks.
  nn::ClassTargets<double> targets;
  targets.index = target_index;
  targets.weight = weights;
  targets.ignore_index = settings_.ignore_index;
  double nll = 0, smooth = 0;
  nn::nll_loss_rows<double>(log_probs, targets, std::span<double>(&nll, 1));
  nn::smoothing_loss_rows<double>(log_probs, targets, std::span<double>(&smooth, 1));
  const double total_weight = mean ? nn::nll_total_weight(targets) : 1.0;
  r.log_softmax_nll = (1 - eps) * (nll / total_weight) + eps / static_cast<double>(classes) * (smooth / total_weight);
}

}  // namespace celab::app
