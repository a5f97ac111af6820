#include "app/core/local_training_runner.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <stdexcept>
#include <utility>

namespace celab::app {

LocalTrainingRunner::LocalTrainingRunner(TrainingLab& lab, std::string mnist_dir)
    : lab_(lab), mnist_dir_(std::move(mnist_dir)) {}

void LocalTrainingRunner::fetch_data() {
  try {
    data::MnistSplit train = data::load_mnist_split(mnist_dir_, "train");
    const size_t n = std::min(kTrainingDigits, train.size());
    train.images.count = n;
    train.images.pixels.resize(n * train.images.image_size());
    train.labels.resize(n);
    lab_.data_arrived(std::move(train));
  } catch (const std::exception& e) {
    lab_.data_failed(e.what());
  }
}

void LocalTrainingRunner::start(const TrainingOptions& options, int run) {
  try {
    if (!shipped_ && !options.from_scratch) throw std::runtime_error("no shipped model to start from");
    const data::MnistSplit* digits = lab_.digits();
    if (!digits) throw std::runtime_error("no training digits");
    session_.emplace(*digits, test_ ? *test_ : data::MnistSplit{});
    session_->start(options, shipped_ ? *shipped_ : nn::Model(0));
    run_ = run;
    running_ = false;
    steps_asked_ = 0;
  } catch (const std::exception& e) {
    session_.reset();
    lab_.failed(e.what());
  }
}

void LocalTrainingRunner::set_live_options(const TrainingOptions& options) {
  if (!session_) return;
  session_->set_learning_rate(options.optimizer.lr);
  session_->set_batch_size(options.batch_size);
  session_->set_label_smoothing(options.label_smoothing);
}

void LocalTrainingRunner::stop() {
  session_.reset();
  running_ = false;
  steps_asked_ = 0;
}

void LocalTrainingRunner::pump(double budget_ms) {
  if (!session_) return;
  if (running_) {
    session_->run_for(budget_ms, std::numeric_limits<int>::max());
  } else if (steps_asked_ > 0) {
    session_->run_for(0, std::exchange(steps_asked_, 0));
  }
  if (!session_->has_unreported()) return;
  TrainingProgress p = session_->take_progress();
  p.run = run_;
  lab_.progress(p);
}

}  // namespace celab::app
