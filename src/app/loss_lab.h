// The reference article's worked example as live state: the logits of one sample, its target
// class, and the cross-entropy computed three ways that must agree. No UI here: the panel
// (loss_lab_panel.h) draws it, the web bridge reports it.
#pragma once

#include <vector>

namespace celab::app {

struct LossLabResult {
  std::vector<double> probabilities;      // softmax(x)
  std::vector<double> log_probabilities;  // log_softmax(x)
  double cross_entropy = 0;               // nn.CrossEntropyLoss()(x, y), through the loss library
  double log_sum_exp = 0;                 // log Σ exp(x), computed here with the max shift
  double formula = 0;                     // -x[y] + log Σ exp(x)
  double log_softmax_nll = 0;             // NLLLoss()(LogSoftmax(x), y)

  // Largest difference between the three losses.
  double max_disagreement() const;
};

class LossLab {
 public:
  static constexpr int kMinClasses = 2;
  static constexpr int kMaxClasses = 10;
  static constexpr double kLogitLimit = 10.0;  // sliders span [-limit, limit]; typed values may go beyond

  LossLab();  // starts on the article's example: x = [-0.5, -0.2, -0.3], y = 0

  void load_article_example();

  int num_classes() const { return static_cast<int>(logits_.size()); }
  // New classes start at logit 0; a target beyond the new count moves to the last class.
  // Counts outside [kMinClasses, kMaxClasses] are clamped into it.
  void set_num_classes(int count);

  const std::vector<double>& logits() const { return logits_; }
  // Index must be in [0, num_classes()); non-finite values are ignored.
  void set_logit(int index, double value);

  int target() const { return target_; }
  bool valid_target(int target) const { return target >= 0 && target < num_classes(); }
  // Ignored unless valid_target(target).
  void set_target(int target);

  const LossLabResult& result() const { return result_; }

 private:
  void recompute();

  std::vector<double> logits_;
  int target_ = 0;
  LossLabResult result_;
};

}  // namespace celab::app
