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

class TrainingSession {
 public:
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

  // Accuracy of the current model on the test digits (eval mode; does not change the training).
  double test_accuracy();

  const nn::Model& model() const { return model_; }
  int64_t steps() const { return static_cast<int64_t>(losses_.size()); }
  const std::vector<float>& losses() const { return losses_; }  // every step's loss, in order
  // Passes over the training digits, fractional (2.5: half way through the third epoch).
  double epochs() const;
  int64_t images_trained() const { return images_; }
  double step_seconds() const { return step_seconds_; }  // time spent in step() in all
  size_t training_digits() const { return train_.size(); }

 private:
  data::MnistSplit train_, test_;
  TrainingOptions options_;
  nn::Model model_;
  std::unique_ptr<nn::TrainingStep> step_;
  std::unique_ptr<data::BatchSampler> sampler_;
  nn::RowMatrix<float> x_;
  std::vector<int64_t> targets_;
  std::vector<float> losses_;
  int64_t images_ = 0;
  double step_seconds_ = 0;
};

}  // namespace celab::app
