// Cross-entropy of one sample, computed three ways that must agree, with every nn.CrossEntropyLoss
// option: the reference article's worked example (the loss lab) and, fed with the model's logits,
// the breakdown of the drawn digit's loss. No UI here: panels draw it, the web bridge reports it.
//
// With weight w, label smoothing ε, C classes and target y, PyTorch 1.13 computes for one sample
//   row = (1 − ε)·w[y]·(−log p[y]) + (ε / C)·Σ_c w[c]·(−log p[c]),   −log p[c] = −x[c] + log Σ exp(x)
// and returns row / w[y] for reduction 'mean' (the weighted mean over one sample), row for 'sum'
// and [row] for 'none'. An ignored target (y == ignore_index) contributes nothing: 'mean' is 0/0.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "app/core/loss_settings.h"

namespace celab::app {

struct LossLabResult {
  std::vector<double> probabilities;      // softmax(x)
  std::vector<double> log_probabilities;  // log_softmax(x)
  std::vector<double> grad_logits;        // dL/dx of the library's loss
  double cross_entropy = 0;    // nn.CrossEntropyLoss(options)(x, y), through the loss library
  double log_sum_exp = 0;      // log Σ exp(x), computed here with the max shift
  bool ignored = false;        // y == ignore_index
  double neg_log_p = 0;        // −x[y] + log Σ exp(x) (0 when ignored)
  double smoothing_term = 0;   // (1 / C)·Σ_c w[c]·(−log p[c]) (0 when ignored)
  double target_weight = 1;    // w[y] (0 when ignored)
  double divisor = 1;          // what the row is divided by: w[y] for 'mean', else 1
  double formula = 0;          // the formula above, written out here
  double log_softmax_nll = 0;  // NLLLoss(weight)(LogSoftmax(x), y), plus the smoothing term, reduced
  // Largest difference between the three losses (0 when all three are NaN, as 'mean' of nothing).
  double max_disagreement() const;
};

class LossLab {
 public:
  static constexpr int kMinClasses = 2;
  static constexpr int kMaxClasses = app::kMaxClasses;
  static constexpr double kLogitLimit = 10.0;  // sliders span [-limit, limit]; typed values may go beyond

  LossLab();  // starts on the article's example: x = [-0.5, -0.2, -0.3], y = 0, default options
  void load_article_example();

  int num_classes() const { return static_cast<int>(logits_.size()); }
  // New classes start at logit 0; a target beyond the new count moves to the last class.
  // Counts outside [kMinClasses, kMaxClasses] are clamped into it.
  void set_num_classes(int count);

  const std::vector<double>& logits() const { return logits_; }
  // Index must be in [0, num_classes()); non-finite values are ignored.
  void set_logit(int index, double value);
  // All logits at once (count clamped as set_num_classes); non-finite values give NaN results.
  void set_logits(std::span<const float> logits);

  int target() const { return target_; }
  bool valid_target(int target) const { return target >= 0 && target < num_classes(); }
  // Ignored unless valid_target(target).
  void set_target(int target);

  const LossSettings& settings() const { return settings_; }
  // Out-of-range values are clamped (smoothing to [0, 1], weights to [0, kMaxClassWeight]).
  void set_settings(const LossSettings& settings);

  const LossLabResult& result() const { return result_; }
  // The criterion as Python would construct it (criterion_text of the settings and class count).
  const std::string& criterion() const { return criterion_; }

 private:
  void recompute();

  std::vector<double> logits_;
  int target_ = 0;
  LossSettings settings_;
  LossLabResult result_;
  std::string criterion_;
};

}  // namespace celab::app
