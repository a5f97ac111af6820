// The confidence cards' state: the page's MNIST test digits (500) through the model that predicts
// now, at the page's temperature: the reliability diagram, ECE, largest gap, NLL and accuracy, the
// temperature fitted on one half and the other half before and after it (nn/calibration.h), the
// confusion matrix and every digit's loss, for the calibration and "hardest digits" cards and
// window.celab.calibration() / confusion() / hardest(). No UI here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "data/idx.h"
#include "nn/calibration.h"
#include "nn/eigen_types.h"
#include "nn/model.h"

namespace celab::app {

// Everything the cards show, for one model and temperature.
struct ConfidenceFigures {
  double temperature = 1;       // the logits were divided by it
  nn::Calibration calibration;  // all the digits
  nn::TemperatureFit fit;       // fitted on the even-indexed half, measured on the odd-indexed one
  Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> confusion;  // [label][prediction]
  std::vector<int64_t> predicted;                                                     // per digit
  std::vector<double> losses;  // per digit: cross-entropy of logits / T (reduction='none')
};

class ConfidenceView {
 public:
  static constexpr int kRowsPerForward = 50;          // one call's share of the digits (a frame's budget)
  static constexpr double kLiveRefreshSeconds = 1.0;  // while the model trains, new figures at most this often

  // The test digits (not owned; null: none).
  void set_digits(const data::MnistSplit* digits);

  // Brings the figures up to date with `model` (identified by `model_version`) and `temperature`:
  // logits for at most kRowsPerForward digits per call unless `finish`; a pass under way is not
  // restarted, and while `model_is_training` a new model is taken at most every kLiveRefreshSeconds.
  // Returns whether the figures changed.
  bool update(const nn::Model& model, uint64_t model_version, bool model_is_training, double temperature, bool finish);

  bool ready() const { return figures_.has_value(); }
  // A pass over the digits is under way: the next update() computes more of it (the page asks for
  // frames until it is done, or its cards would say "Computing…" until the next input).
  bool computing() const { return have_model_ && rows_done_ < static_cast<int>(labels_.size()); }
  const ConfidenceFigures& figures() const { return *figures_; }  // needs ready()
  const data::MnistSplit* digits() const { return digits_; }
  const std::vector<int64_t>& labels() const { return labels_; }

  // Digits with `label` predicted as `predicted`, highest loss first (needs ready()).
  std::vector<int64_t> cell(int label, int predicted) const;
  // The n digits of highest loss (needs ready()).
  std::vector<int64_t> hardest(int64_t n) const;

 private:
  void compute_figures();

  const data::MnistSplit* digits_ = nullptr;
  std::vector<int64_t> labels_;
  nn::RowMatrix<float> pixels_;
  std::optional<nn::Model> model_;
  uint64_t model_version_ = 0;
  bool have_model_ = false;
  std::chrono::steady_clock::time_point model_taken_{};
  int rows_done_ = 0;
  nn::RowMatrix<double> logits_;  // (digits, classes) of model_
  double temperature_ = 1;        // of figures_
  std::optional<ConfidenceFigures> figures_;
};

}  // namespace celab::app
