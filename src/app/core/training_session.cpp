#include "app/core/training_session.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "data/batch_sampler.h"
#include "data/evaluation.h"
#include "nn/architecture.h"
#include "nn/model_file.h"

namespace celab::app {
namespace {

nn::CrossEntropyOptions<float> loss_options_of(const TrainingOptions& o) {
  nn::CrossEntropyOptions<float> c;  // (label_smoothing=...): mean over the batch
  c.label_smoothing = o.label_smoothing;
  return c;
}

}  // namespace

TrainingOptions TrainingOptions::clamped() const {
  TrainingOptions o = *this;
  o.batch_size = std::clamp(o.batch_size, kMinBatchSize, kMaxBatchSize);
  if (!(o.optimizer.lr == o.optimizer.lr)) o.optimizer.lr = default_learning_rate(o.optimizer.kind);  // NaN
  o.optimizer.lr = std::clamp(o.optimizer.lr, kMinLearningRate, kMaxLearningRate);
  o.label_smoothing = o.label_smoothing == o.label_smoothing ? std::clamp(o.label_smoothing, 0.0, 1.0) : 0.0;
  return o;
}

TrainingSession::TrainingSession(data::MnistSplit train, data::MnistSplit test)
    : train_(std::move(train)), test_(std::move(test)) {
  if (train_.size() == 0) throw std::invalid_argument("training session: no training digits");
}

TrainingSession::~TrainingSession() = default;

void TrainingSession::start(const TrainingOptions& options, const nn::Model& shipped) {
  options_ = options.clamped();
  step_.reset();  // before the model it points into changes
  if (options_.from_scratch) {
    model_.init(options_.seed);
  } else {
    model_ = shipped;
  }
  model_.reserve(options_.batch_size);
  step_ = std::make_unique<nn::TrainingStep>(model_, options_.optimizer, options_.criterion, loss_options_of(options_));
  sampler_ = std::make_unique<data::BatchSampler>(train_.size(), options_.seed);
  losses_.clear();
  accuracies_.clear();
  reported_losses_ = reported_accuracies_ = 0;
  images_ = 0;
  step_seconds_ = 0;
  accuracies_.push_back(test_point());
}

void TrainingSession::set_learning_rate(double lr) {
  TrainingOptions o = options_;
  o.optimizer.lr = lr;
  options_.optimizer.lr = o.clamped().optimizer.lr;
  if (step_) step_->set_lr(options_.optimizer.lr);
}

void TrainingSession::set_batch_size(int batch_size) {
  TrainingOptions o = options_;
  o.batch_size = batch_size;
  options_.batch_size = o.clamped().batch_size;
}

void TrainingSession::set_label_smoothing(double label_smoothing) {
  TrainingOptions o = options_;
  o.label_smoothing = label_smoothing;
  options_.label_smoothing = o.clamped().label_smoothing;
  if (step_) step_->set_loss_options(loss_options_of(options_));
}

nn::StepResult TrainingSession::step() {
  if (!step_) throw std::logic_error("training session: step() before start()");
  const auto begin = std::chrono::steady_clock::now();
  const auto indices = sampler_->next(static_cast<size_t>(options_.batch_size));
  const auto rows = static_cast<int>(indices.size());
  if (x_.rows() < rows) x_.resize(rows, nn::kInputSize);
  targets_.resize(indices.size());
  data::read_batch(train_, indices, {x_.data(), static_cast<size_t>(x_.size())}, targets_);
  const nn::StepResult result = step_->run(x_.topRows(rows), targets_);
  losses_.push_back(result.loss);
  images_ += rows;
  step_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return result;
}

int TrainingSession::run_for(double budget_ms, int max_steps) {
  const auto begin = std::chrono::steady_clock::now();
  int taken = 0;
  do {
    step();
    ++taken;
    if (steps() % kAccuracyEverySteps == 0) accuracies_.push_back(test_point());
  } while (taken < max_steps &&
           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count() < budget_ms);
  return taken;
}

TrainingProgress TrainingSession::take_progress() {
  TrainingProgress p;
  p.steps = steps();
  p.epochs = epochs();
  p.images_per_second = step_seconds_ > 0 ? static_cast<double>(images_) / step_seconds_ : 0;
  p.losses.assign(losses_.begin() + static_cast<std::ptrdiff_t>(reported_losses_), losses_.end());
  p.accuracies.assign(accuracies_.begin() + static_cast<std::ptrdiff_t>(reported_accuracies_), accuracies_.end());
  reported_losses_ = losses_.size();
  reported_accuracies_ = accuracies_.size();
  p.model = nn::model_to_bytes(model_);
  return p;
}

AccuracyPoint TrainingSession::test_point() {
  if (test_.size() == 0) return {steps(), 0, 0};
  const data::Evaluation e = data::evaluate(model_, test_);
  return {steps(), e.accuracy(), e.mean_loss};
}

double TrainingSession::epochs() const {
  if (!sampler_ || sampler_->epoch() == 0) return 0;
  return (sampler_->epoch() - 1) + static_cast<double>(sampler_->position()) / static_cast<double>(sampler_->count());
}

}  // namespace celab::app
