// Everything the page knows, in one object: the drawing, the target, the loss options, the model
// and its prediction, the MNIST test digits and the loss lab. Panels read and change it; the web
// bridge reports it. No UI here, so unit tests can drive it the way the page does.
//
// The pipeline runs only when something it depends on changed: call refresh() after changes
// (cheap when nothing changed).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "app/core/batch_view.h"
#include "app/core/drawing_pad.h"
#include "app/core/loss_lab.h"
#include "app/core/prediction.h"
#include "app/core/training_lab.h"
#include "data/idx.h"
#include "nn/loss_options.h"
#include "nn/rng.h"

namespace celab::app {

enum class LoadStatus { Loading, Ready, Failed };

class AppState {
 public:
  static constexpr double kDefaultLearningRate = 0.001;  // one step visibly lowers the loss, not to 0

  explicit AppState(uint64_t seed);

  // The model file's bytes arrived (or could not be fetched: model_failed). A file that does not
  // load leaves the page without a model and the reason in model_error(), prefixed by `name`.
  void load_model(std::span<const uint8_t> bytes, const std::string& name);
  void model_failed(const std::string& reason);
  LoadStatus model_status() const { return model_status_; }
  const std::string& model_error() const { return model_error_; }

  // The shipped MNIST test digits (two IDX files); a failure disables the MNIST browser only.
  void load_test_digits(std::span<const uint8_t> images, std::span<const uint8_t> labels, const std::string& name);
  void test_digits_failed(const std::string& reason);
  LoadStatus test_digits_status() const { return digits_status_; }
  const std::string& test_digits_error() const { return digits_error_; }
  size_t test_digit_count() const { return digits_ ? digits_->size() : 0; }
  const data::MnistSplit* test_digits() const { return digits_ ? &*digits_ : nullptr; }
  // Puts a random test digit into the drawing area (its label shown as `label: N`). False when
  // there are none.
  bool load_random_test_digit();

  DrawingPad& pad() { return pad_; }
  const DrawingPad& pad() const { return pad_; }

  int target() const { return target_; }
  void set_target(int target);  // ignored unless in [0, 10)

  const nn::CrossEntropyOptions<double>& loss_options() const { return loss_options_; }
  nn::CrossEntropyOptions<double>& edit_loss_options() { return loss_options_; }  // refresh() sees the change

  double learning_rate() const { return learning_rate_; }
  void set_learning_rate(double lr);  // clamped to PredictionPipeline's [kMinLearningRate, kMaxLearningRate]
  // "Learn this": one SGD step towards the target on the current drawing; false without a model or
  // a finite prediction.
  bool learn();
  // Back to the shipped model (ending a training run, if any).
  void reset_model();

  // The training card: while a run exists, its newest weights predict (refresh() follows them).
  TrainingLab& training() { return training_; }
  const TrainingLab& training() const { return training_; }

  // The batch card: opening it fetches the training digits; its numbers follow the model that
  // predicts and the loss options (call update_batch() once per frame; `finish` computes
  // everything now, for window.celab).
  const BatchView& batch() const { return batch_; }
  BatchView& edit_batch() { return batch_; }
  void open_batch();
  void update_batch(bool finish);
  // Puts sample `row` of the batch into the drawing area (its label shown, as a test digit's).
  void load_batch_digit(int row);

  // Runs the pipeline if the drawing, the target, the options or the predicting model changed since
  // it last ran. The page calls it once a frame, after the frame's input and before any card draws.
  void refresh();
  // True when refresh() would do nothing: what the state reports was computed from what it holds.
  bool up_to_date() const;

  // Without a loaded model: nullptr.
  const PredictionPipeline* pipeline() const { return pipeline_ ? &*pipeline_ : nullptr; }

  // The drawn digit's loss written out three ways (the model's logits, the target, the options);
  // follows refresh().
  const LossLab& digit_loss() const { return digit_loss_; }

  LossLab& loss_lab() { return loss_lab_; }
  const LossLab& loss_lab() const { return loss_lab_; }

 private:
  void follow_prediction();  // the digit's loss breakdown takes the pipeline's latest logits
  void load_digit(const data::MnistSplit& digits, size_t i);  // into the drawing area, label shown

  DrawingPad pad_;
  int target_ = 0;
  nn::CrossEntropyOptions<double> loss_options_;
  double learning_rate_ = kDefaultLearningRate;

  LoadStatus model_status_ = LoadStatus::Loading;
  std::string model_error_;
  std::optional<PredictionPipeline> pipeline_;

  LoadStatus digits_status_ = LoadStatus::Loading;
  std::string digits_error_;
  std::optional<data::MnistSplit> digits_;
  nn::Rng rng_;

  LossLab digit_loss_;
  LossLab loss_lab_;
  TrainingLab training_;
  BatchView batch_;

  // What the pipeline last ran on.
  uint64_t seen_pad_version_ = 0;
  int seen_target_ = -1;
  nn::CrossEntropyOptions<double> seen_loss_options_;
  uint64_t seen_training_model_ = 0;
  bool ran_ = false;
};

}  // namespace celab::app
