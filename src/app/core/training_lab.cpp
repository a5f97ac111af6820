#include "app/core/training_lab.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "nn/model_file.h"

namespace celab::app {

void TrainingLab::clear_history() {
  losses_.clear();
  running_means_.clear();
  running_sum_ = 0;
  accuracies_.clear();
  epochs_ = images_per_second_ = 0;
}

void TrainingLab::keep_history() {
  if (losses_.empty()) return;
  past_runs_.push_back({run_, run_options_, running_means_, accuracies_});
  if (past_runs_.size() > kPastRuns) past_runs_.erase(past_runs_.begin());
}

void TrainingLab::request_data() {
  if (data_status_ == DataStatus::Downloading || data_status_ == DataStatus::Ready) return;
  data_status_ = DataStatus::Downloading;
  error_.clear();  // a new attempt
  received_bytes_ = total_bytes_ = 0;
  if (runner_) runner_->fetch_data();
}

void TrainingLab::start() { act(Pending::Run); }

void TrainingLab::step() { act(Pending::Step); }

void TrainingLab::act(Pending what) {
  error_.clear();
  pending_ = what;
  if (has_run_) {
    do_pending();
  } else {
    begin_run();
  }
}

void TrainingLab::pause() {
  if (status_ == TrainingStatus::WaitingForData) {
    pending_ = Pending::Nothing;
    status_ = has_run_ ? TrainingStatus::Paused : TrainingStatus::Idle;
    return;
  }
  if (status_ != TrainingStatus::Running) return;
  status_ = TrainingStatus::Paused;
  if (runner_) runner_->pause();
}

void TrainingLab::reset() {
  if (has_run_ && runner_) runner_->stop();
  has_run_ = false;
  pending_ = Pending::Nothing;
  status_ = TrainingStatus::Idle;
  error_.clear();
  keep_history();
  clear_history();
  if (model_) {
    model_.reset();
    ++model_version_;
  }
}

void TrainingLab::begin_run() {
  if (data_status_ != DataStatus::Ready) {
    status_ = TrainingStatus::WaitingForData;
    request_data();
    return;
  }
  keep_history();  // a run after a failure: its curves are still here
  run_options_ = sent_live_options_ = options_ = options_.clamped();
  has_run_ = true;
  ++run_;
  clear_history();
  if (runner_) runner_->start(run_options_, run_);
  do_pending();
}

void TrainingLab::do_pending() {
  const Pending pending = std::exchange(pending_, Pending::Nothing);
  if (pending == Pending::Run) {
    status_ = TrainingStatus::Running;
    if (runner_) runner_->run();
  } else if (pending == Pending::Step) {
    status_ = TrainingStatus::Paused;
    if (runner_) runner_->step_once();
  } else {
    status_ = TrainingStatus::Paused;
  }
}

void TrainingLab::sync() {
  options_ = options_.clamped();
  if (!has_run_) return;
  TrainingOptions live = run_options_;
  live.optimizer.lr = options_.optimizer.lr;
  live.batch_size = options_.batch_size;
  live.label_smoothing = options_.label_smoothing;
  if (live == sent_live_options_) return;
  sent_live_options_ = run_options_ = live;
  if (runner_) runner_->set_live_options(live);
}

double TrainingLab::data_fraction() const {
  if (data_status_ == DataStatus::Ready) return 1;
  return total_bytes_ > 0 ? std::clamp(received_bytes_ / total_bytes_, 0.0, 1.0) : 0;
}

void TrainingLab::data_progress(double received_bytes, double total_bytes) {
  received_bytes_ = received_bytes;
  total_bytes_ = total_bytes;
}

void TrainingLab::data_arrived(data::MnistSplit digits) {
  if (digits.size() == 0) {
    data_failed("the training digits file holds no digits");
    return;
  }
  digits_ = std::move(digits);
  data_status_ = DataStatus::Ready;
  received_bytes_ = total_bytes_;
  if (status_ == TrainingStatus::WaitingForData) begin_run();
}

void TrainingLab::data_arrived(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                               const std::string& name) {
  try {
    data_arrived(data::parse_mnist_split(images, labels, name));
  } catch (const std::exception& e) {
    data_failed(e.what());
  }
}

void TrainingLab::data_failed(const std::string& reason, bool network_unreachable) {
  data_status_ = DataStatus::Failed;
  data_unreachable_ = network_unreachable;
  error_ = reason;
  if (status_ == TrainingStatus::WaitingForData) {
    pending_ = Pending::Nothing;
    status_ = has_run_ ? TrainingStatus::Paused : TrainingStatus::Idle;
  }
}

void TrainingLab::progress(const TrainingProgress& p) {
  if (!has_run_ || p.run != run_) return;  // a late report of a run already ended
  for (const float loss : p.losses) {
    losses_.push_back(loss);
    running_sum_ += loss;
    if (losses_.size() > static_cast<size_t>(kRunningMeanSteps))
      running_sum_ -= losses_[losses_.size() - 1 - static_cast<size_t>(kRunningMeanSteps)];
    const auto window = std::min(losses_.size(), static_cast<size_t>(kRunningMeanSteps));
    running_means_.push_back(static_cast<float>(running_sum_ / static_cast<double>(window)));
  }
  accuracies_.insert(accuracies_.end(), p.accuracies.begin(), p.accuracies.end());
  epochs_ = p.epochs;
  images_per_second_ = p.images_per_second;
  if (p.model.empty()) return;
  try {
    model_ = nn::model_from_bytes(p.model);
    ++model_version_;
  } catch (const std::exception& e) {
    failed(std::string("the training's weights: ") + e.what());
  }
}

void TrainingLab::failed(const std::string& reason) {
  if (has_run_ && runner_) runner_->stop();
  error_ = reason;
  has_run_ = false;
  pending_ = Pending::Nothing;
  status_ = TrainingStatus::Idle;
}

}  // namespace celab::app
