// Cross-entropy of one sample, computed three ways that must agree, with every nn.CrossEntropyLoss
// option: the reference article's worked example (the loss lab) and, fed with the model's logits,
// the breakdown of the drawn digit's loss. The numbers are the library's nn::loss_breakdown of one
// row; this class holds the lab's inputs and keeps them valid. No UI here: panels draw it, the web
// bridge reports it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "nn/architecture.h"
#include "nn/loss_breakdown.h"
#include "nn/loss_options.h"

namespace celab::app {

class LossLab {
 public:
  static constexpr int kMinClasses = 2;
  static constexpr int kMaxClasses = nn::kClasses;  // the lab never needs more classes than the digits
  static constexpr double kLogitLimit = 10.0;       // sliders span [-limit, limit]; typed values may go beyond
  static constexpr double kMaxClassWeight = 10;     // weight sliders span [0, kMaxClassWeight]

  LossLab();  // starts on the article's example: x = [-0.5, -0.2, -0.3], y = 0, default options
  void load_article_example();

  int num_classes() const { return static_cast<int>(logits_.size()); }
  // New classes start at logit 0 (and weight 1); a target beyond the new count moves to the last
  // class. Counts outside [kMinClasses, kMaxClasses] are clamped into it.
  void set_num_classes(int count);

  const std::vector<double>& logits() const { return logits_; }
  // Index must be in [0, num_classes()); non-finite values are ignored.
  void set_logit(int index, double value);

  int target() const { return target_; }
  bool valid_target(int target) const { return target >= 0 && target < num_classes(); }
  // Ignored unless valid_target(target).
  void set_target(int target);

  // Logits, target and options at once (each as its setter takes it), computed once.
  void set_sample(std::span<const float> logits, int target, const nn::CrossEntropyOptions<double>& options);

  const nn::CrossEntropyOptions<double>& options() const { return options_; }
  // Out-of-range values are clamped (smoothing to [0, 1], weights to [0, kMaxClassWeight]); a
  // weight list of the wrong length is cut or padded with 1 to num_classes().
  void set_options(const nn::CrossEntropyOptions<double>& options);

  // One row: the vectors have one entry, the matrices one row.
  const nn::LossBreakdown& result() const { return result_; }
  // The criterion as Python would construct it (nn::criterion_text of the options).
  const std::string& criterion() const { return criterion_; }

 private:
  void recompute();
  void take_logits(std::span<const float> logits);
  void take_options(const nn::CrossEntropyOptions<double>& options);

  std::vector<double> logits_;
  int target_ = 0;
  nn::CrossEntropyOptions<double> options_;
  nn::LossBreakdown result_;
  std::string criterion_;
};

}  // namespace celab::app
