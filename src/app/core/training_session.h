// The page's training engine: the library's training step (nn/training_step.h, `celab train`'s) on
// batches of the downloaded MNIST training digits in the epoch's shuffled order
// (data/batch_sampler.h), the loss of every step, and accuracy on the page's test digits. It runs
// where the steps do not hold up the page: in a Web Worker in the browser (src/app/worker/), in the
// frame loop on the desktop. No UI here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "app/core/training_options.h"
#include "data/idx.h"
#include "nn/eigen_types.h"
#include "nn/model.h"
#include "nn/training_step.h"

namespace celab::data {
class BatchSampler;
}

namespace celab::app {

// Test accuracy and test NLL (the mean cross-entropy over the test digits, whatever the run
// minimises) after a number of steps: an NLL turning up while the accuracy still rises is a model
// growing overconfident.
struct AccuracyPoint {
  int64_t step = 0;
  double accuracy = 0;
  double nll = 0;
  bool operator==(const AccuracyPoint&) const = default;
};

// What a session reports to whoever shows it (the page's main thread, the desktop's frame): what
// happened since the last report, and the current weights as a model file.
struct TrainingProgress {
  int run = 0;  // stamped by the runner: which run this is a report of
  int64_t steps = 0;
  double epochs = 0;
  double images_per_second = 0;
  std::vector<float> losses;              // of steps [steps - losses.size(), steps)
  std::vector<AccuracyPoint> accuracies;  // measured since the last report
  std::vector<uint8_t> model;             // nn::model_to_bytes of the current weights
  bool operator==(const TrainingProgress&) const = default;
};

class TrainingSession {
 public:
  // Test accuracy and NLL are measured at the start of a run and after every this many steps.
  static constexpr int64_t kAccuracyEverySteps = 50;

  // The training digits and the test digits accuracy is measured on.
  TrainingSession(data::MnistSplit train, data::MnistSplit test);
  ~TrainingSession();
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  // A new run: a model from scratch (nn::Model(seed)) or a copy of `shipped`, a fresh optimizer,
  // the batch order from Rng(seed), no steps yet.
  void start(const TrainingOptions& options, const nn::Model& shipped);
  bool started() const { return step_ != nullptr; }

  // Takes effect from the next step (the optimizer and the start stay as they were).
  void set_learning_rate(double lr);
  void set_batch_size(int batch_size);
  void set_label_smoothing(double label_smoothing);
  const TrainingOptions& options() const { return options_; }

  // One step on the next batch; needs started().
  nn::StepResult step();
  // Steps until `budget_ms` have passed (at least one step, at most `max_steps`), measuring test
  // accuracy when it is due. Returns the steps taken. The page's worker runs slices of this, so it
  // can take messages (pause) in between.
  int run_for(double budget_ms, int max_steps);
  // What happened since the last call (everything, the first time after start(): the accuracy at
  // step 0 and the starting weights).
  TrainingProgress take_progress();
  bool has_unreported() const { return losses_.size() > reported_losses_ || accuracies_.size() > reported_accuracies_; }

  // Accuracy and NLL of the current model on the test digits (eval mode; does not change the
  // training), stamped with the current step.
  AccuracyPoint test_point();
  double test_accuracy() { return test_point().accuracy; }

  const nn::Model& model() const { return model_; }
  int64_t steps() const { return static_cast<int64_t>(losses_.size()); }
  const std::vector<float>& losses() const { return losses_; }  // every step's loss, in order
  const std::vector<AccuracyPoint>& accuracies() const { return accuracies_; }
  // Passes over the training digits, fractional (2.5: half way through the third epoch).
  double epochs() const;

 private:
  data::MnistSplit train_, test_;
  TrainingOptions options_;
  nn::Model model_;
  std::unique_ptr<nn::TrainingStep> step_;
  std::unique_ptr<data::BatchSampler> sampler_;
  nn::RowMatrix<float> x_;
  std::vector<int64_t> targets_;
  std::vector<float> losses_;
  std::vector<AccuracyPoint> accuracies_;
  size_t reported_losses_ = 0, reported_accuracies_ = 0;
  int64_t images_ = 0;
  double step_seconds_ = 0;
};

}  // namespace celab::app
