#include "app/core/prediction.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>

#include "nn/cross_entropy.h"
#include "nn/sgd.h"
#include "nn/softmax.h"

namespace celab::app {
namespace {

using ClassRow = Eigen::Map<nn::RowMatrix<float>>;
using ConstInputRow = Eigen::Map<const nn::RowMatrix<float>>;

ClassRow row_of(ClassValues& values) { return {values.data(), 1, kDigitClasses}; }
ConstInputRow input_row(const data::ModelInput& input) { return {input.data(), 1, data::kInputPixels}; }

}  // namespace

PredictionPipeline::PredictionPipeline(const nn::Model& model) : loaded_(model), model_(model) {
  model_.reserve(1);
  options_.weight.reserve(kDigitClasses);
}

void PredictionPipeline::update(const data::Image& canvas, int target, const LossSettings& settings) {
  run(&canvas, target, settings);
}

void PredictionPipeline::update_loss(int target, const LossSettings& settings) { run(nullptr, target, settings); }

void PredictionPipeline::run(const data::Image* changed_canvas, int target, const LossSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  if (changed_canvas) prediction_.has_digit = preprocessor_.canvas_to_input(*changed_canvas, prediction_.input);
  prediction_.target = std::clamp(target, 0, kDigitClasses - 1);
  evaluate(settings, /*with_input_gradient=*/true);
  prediction_.update_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ++prediction_.updates;
}

void PredictionPipeline::set_loss_options(const LossSettings& settings) {
  options_.label_smoothing = std::clamp(settings.label_smoothing, 0.0, 1.0);
  options_.reduction = settings.reduction;
  if (settings.weighted) {
    options_.weight.assign(settings.class_weights.begin(), settings.class_weights.begin() + kDigitClasses);  // reserved
  } else {
    options_.weight.clear();
  }
}

void PredictionPipeline::evaluate(const LossSettings& settings, bool with_input_gradient) {
  Prediction& p = prediction_;
  p.predicted = -1;
  p.loss = Prediction::kNaN;
  p.grad_logits.fill(0.0f);
  p.grad_input.fill(0.0f);
  p.grad_input_max_abs = 0;
  p.logits_finite = true;
  if (!p.has_digit) {
    p.logits.fill(0.0f);
    p.probabilities.fill(0.0f);
    p.log_probabilities.fill(0.0f);
    return;
  }
  row_of(p.logits) = model_.forward(input_row(p.input), nn::Mode::Eval);
  p.logits_finite = std::all_of(p.logits.begin(), p.logits.end(), [](float v) { return std::isfinite(v); });
  if (!p.logits_finite) {
    p.probabilities.fill(Prediction::kNaN);
    p.log_probabilities.fill(Prediction::kNaN);
    return;
  }
  nn::softmax<float>(row_of(p.logits), row_of(p.probabilities));
  nn::log_softmax<float>(row_of(p.logits), row_of(p.log_probabilities));
  p.predicted = static_cast<int>(std::max_element(p.logits.begin(), p.logits.end()) - p.logits.begin());

  set_loss_options(settings);
  const int64_t target[] = {p.target};
  // Only the loss lab offers ignore_index; for the digit it would silence the loss, so it is not passed.
  options_.ignore_index = LossSettings::kNoIgnoreIndex;
  p.loss = nn::cross_entropy_rows<float>(row_of(p.logits), target, options_, row_of(p.grad_logits));
  if (!with_input_gradient) return;
  const auto grad_input = model_.backward(row_of(p.grad_logits), {.param_grads = false, .input_grad = true});
  std::copy(grad_input.data(), grad_input.data() + data::kInputPixels, p.grad_input.begin());
  for (float g : p.grad_input) p.grad_input_max_abs = std::max(p.grad_input_max_abs, std::abs(g));
}

bool PredictionPipeline::learn(double learning_rate, const LossSettings& settings) {
  Prediction& p = prediction_;
  if (!p.has_digit || !p.logits_finite) return false;
  LearnStep step;
  step.target = p.target;
  step.learning_rate = std::clamp(learning_rate, kMinLearningRate, kMaxLearningRate);
  step.loss_before = p.loss;
  step.probabilities_before = p.probabilities;

  // PyTorch: model.eval(); loss = criterion(model(x), y); optimizer.zero_grad(); loss.backward(); step().
  model_.zero_grad();
  evaluate(settings, /*with_input_gradient=*/false);
  model_.backward(row_of(p.grad_logits), {.param_grads = true, .input_grad = false});
  nn::Sgd sgd(model_.parameters(), {.lr = step.learning_rate});
  sgd.step();
  ++learn_steps_;

  update_loss(p.target, settings);
  step.loss_after = p.loss;
  step.probabilities_after = p.probabilities;
  last_step_ = step;
  return true;
}

void PredictionPipeline::use_model(const nn::Model& model) {
  model_ = model;
  model_.reserve(1);
  learn_steps_ = 0;
  last_step_ = LearnStep{};
}

void PredictionPipeline::reset_model(const LossSettings& settings) {
  model_ = loaded_;
  learn_steps_ = 0;
  last_step_ = LearnStep{};
  update_loss(prediction_.target, settings);
}

}  // namespace celab::app
