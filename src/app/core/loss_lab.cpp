#include "app/core/loss_lab.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace celab::app {

LossLab::LossLab() { load_article_example(); }

void LossLab::load_article_example() {
  logits_ = {-0.5, -0.2, -0.3};
  target_ = 0;
  options_ = nn::CrossEntropyOptions<double>{};
  recompute();
}

void LossLab::set_num_classes(int count) {
  count = std::clamp(count, kMinClasses, kMaxClasses);
  if (count == num_classes()) return;
  logits_.resize(static_cast<std::size_t>(count), 0.0);
  target_ = std::min(target_, count - 1);
  if (options_.weighted()) options_.weight.resize(static_cast<std::size_t>(count), 1.0);
  recompute();
}

void LossLab::set_logit(int index, double value) {
  if (index < 0 || index >= num_classes() || !std::isfinite(value)) return;
  logits_[static_cast<std::size_t>(index)] = value;
  recompute();
}

void LossLab::take_logits(std::span<const float> logits) {
  const size_t count = std::clamp(logits.size(), size_t{kMinClasses}, size_t{kMaxClasses});
  logits_.assign(count, 0.0);
  std::copy_n(logits.begin(), std::min(count, logits.size()), logits_.begin());
  target_ = std::min(target_, num_classes() - 1);
  if (options_.weighted()) options_.weight.resize(count, 1.0);
}

void LossLab::set_target(int target) {
  if (!valid_target(target)) return;
  target_ = target;
  recompute();
}

void LossLab::set_sample(std::span<const float> logits, int target, const nn::CrossEntropyOptions<double>& options) {
  take_logits(logits);
  take_options(options);
  if (valid_target(target)) target_ = target;
  recompute();
}

void LossLab::set_options(const nn::CrossEntropyOptions<double>& options) {
  take_options(options);
  recompute();
}

void LossLab::take_options(const nn::CrossEntropyOptions<double>& options) {
  options_ = options;
  const double eps = options.label_smoothing;
  options_.label_smoothing = std::isfinite(eps) ? std::clamp(eps, 0.0, 1.0) : 0.0;
  if (options_.weighted()) options_.weight.resize(logits_.size(), 1.0);
  for (double& w : options_.weight) w = std::isfinite(w) ? std::clamp(w, 0.0, kMaxClassWeight) : 1.0;
}

void LossLab::recompute() {
  criterion_ = nn::criterion_text(options_);
  const Eigen::Map<const nn::RowMatrix<double>> x(logits_.data(), 1, static_cast<Eigen::Index>(logits_.size()));
  const int64_t target[] = {target_};
  result_ = nn::loss_breakdown(x, target, options_);
}

}  // namespace celab::app
