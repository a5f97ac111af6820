#include "app/core/app_state.h"

#include <algorithm>
#include <exception>

#include "nn/model_file.h"

namespace celab::app {

AppState::AppState(uint64_t seed) : rng_(seed), batch_(seed) {}

void AppState::load_model(std::span<const uint8_t> bytes, const std::string& name) {
  try {
    pipeline_.emplace(nn::model_from_bytes(bytes));
    model_status_ = LoadStatus::Ready;
    model_error_.clear();
    ran_ = false;
    refresh();
  } catch (const std::exception& e) {
    model_failed(name + ": " + e.what());
  }
}

void AppState::model_failed(const std::string& reason) {
  pipeline_.reset();
  model_status_ = LoadStatus::Failed;
  model_error_ = reason;
}

void AppState::load_test_digits(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                                const std::string& name) {
  try {
    digits_ = data::parse_mnist_split(images, labels, name);
    digits_status_ = LoadStatus::Ready;
    digits_error_.clear();
  } catch (const std::exception& e) {
    test_digits_failed(e.what());
  }
}

void AppState::test_digits_failed(const std::string& reason) {
  digits_.reset();
  digits_status_ = LoadStatus::Failed;
  digits_error_ = reason;
}

bool AppState::load_random_test_digit() {
  if (!digits_ || digits_->size() == 0) return false;
  load_digit(*digits_, rng_.below(digits_->size()));
  return true;
}

void AppState::load_digit(const data::MnistSplit& digits, size_t i) {
  DrawingPad::Picture picture;
  const auto pixels = digits.images.image(i);
  std::copy(pixels.begin(), pixels.end(), picture.begin());
  pad_.load_picture(picture, digits.labels[i]);
}

void AppState::open_batch() {
  batch_.set_open(true);
  training_.request_data();
  update_batch(false);
}

void AppState::update_batch(bool finish) {
  if (!batch_.open()) return;
  batch_.set_digits(training_.digits());
  if (batch_.has_digits() && !batch_.has_batch()) batch_.new_batch();
  if (pipeline_)
    batch_.update(pipeline_->model(), pipeline_->model_version(), training_.running(), loss_options_, finish);
}

void AppState::update_confidence(bool finish) {
  confidence_.set_digits(test_digits());
  if (pipeline_)
    confidence_.update(pipeline_->model(), pipeline_->model_version(), training_.running(), temperature_, finish);
}

bool AppState::load_test_digit(size_t index) {
  if (!digits_ || index >= digits_->size()) return false;
  load_digit(*digits_, index);
  return true;
}

void AppState::load_batch_digit(int row) {
  const data::MnistSplit* digits = training_.digits();
  if (!digits || row < 0 || row >= batch_.rows()) return;
  load_digit(*digits, batch_.indices()[static_cast<size_t>(row)]);
}

void AppState::set_target(int target) {
  if (target >= 0 && target < nn::kClasses) target_ = target;
}

void AppState::set_temperature(double temperature) {
  temperature_ = temperature == temperature
                     ? std::clamp(temperature, PredictionPipeline::kMinTemperature, PredictionPipeline::kMaxTemperature)
                     : 1.0;
}

void AppState::set_learning_rate(double lr) {
  if (lr == lr)
    learning_rate_ = std::clamp(lr, PredictionPipeline::kMinLearningRate, PredictionPipeline::kMaxLearningRate);
}

bool AppState::learn() {
  refresh();
  if (!pipeline_ || !pipeline_->learn(learning_rate_, loss_options_)) return false;
  follow_prediction();
  return true;
}

void AppState::reset_model() {
  training_.reset();
  seen_training_model_ = training_.model_version();
  if (!pipeline_) return;
  refresh();
  pipeline_->reset_model(loss_options_);
  follow_prediction();
}

void AppState::follow_prediction() {
  const Prediction& p = pipeline_->prediction();
  if (!p.has_digit || !p.finite()) return;
  digit_loss_.set_sample(p.scaled_logits, target_, loss_options_);  // the loss three ways, at the temperature
}

bool AppState::up_to_date() const {
  if (!pipeline_) return true;
  return ran_ && training_.model_version() == seen_training_model_ && pad_.version() == seen_pad_version_ &&
         target_ == seen_target_ && temperature_ == seen_temperature_ && loss_options_ == seen_loss_options_;
}

void AppState::refresh() {
  if (!pipeline_) return;
  const bool model_changed = training_.model_version() != seen_training_model_;
  if (model_changed) {
    seen_training_model_ = training_.model_version();
    const nn::Model* trained = training_.model();
    pipeline_->use_model(trained ? *trained : pipeline_->loaded_model());
  }
  const bool canvas_changed = !ran_ || pad_.version() != seen_pad_version_;
  const bool temperature_changed = temperature_ != seen_temperature_;
  pipeline_->set_temperature(temperature_);
  if (canvas_changed) {
    if (const DrawingPad::Picture* picture = pad_.picture_alone())
      pipeline_->update_input(*picture, target_, loss_options_);
    else
      pipeline_->update(pad_.canvas(), target_, loss_options_);
  } else if (model_changed || temperature_changed || target_ != seen_target_ || loss_options_ != seen_loss_options_) {
    pipeline_->update_loss(target_, loss_options_);
  } else {
    return;
  }
  follow_prediction();
  ran_ = true;
  seen_pad_version_ = pad_.version();
  seen_target_ = target_;
  seen_temperature_ = temperature_;
  seen_loss_options_ = loss_options_;
}

}  // namespace celab::app
