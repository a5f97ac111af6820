#include "app/core/prediction.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "nn/cross_entropy.h"
#include "nn/sgd.h"
#include "nn/softmax.h"
#include "nn/temperature.h"

namespace celab::app {
namespace {

using ClassRow = Eigen::Map<nn::RowMatrix<float>>;

ClassRow row_of(nn::ClassScores& values) { return {values.data(), 1, nn::kClasses}; }

}  // namespace

PredictionPipeline::PredictionPipeline(const nn::Model& model) : loaded_(model), model_(model) {
  model_.reserve(1);
  options_.weight.reserve(nn::kClasses);
}

void PredictionPipeline::update(const data::Image& canvas, int target, const nn::CrossEntropyOptions<double>& options) {
  const auto start = Clock::now();
  prediction_.has_digit = preprocessor_.canvas_to_input(canvas, prediction_.input);
  run(start, target, options);
}

void PredictionPipeline::update_input(std::span<const uint8_t> pixels, int target,
                                      const nn::CrossEntropyOptions<double>& options) {
  const auto start = Clock::now();
  if (pixels.size() != prediction_.input.size()) throw std::invalid_argument("update_input: not a model input's pixels");
  for (size_t k = 0; k < pixels.size(); ++k) prediction_.input[k] = static_cast<float>(pixels[k]) * (1.0f / 255.0f);
  prediction_.has_digit = std::any_of(pixels.begin(), pixels.end(), [](uint8_t v) { return v != 0; });
  run(start, target, options);
}

void PredictionPipeline::update_loss(int target, const nn::CrossEntropyOptions<double>& options) {
  run(Clock::now(), target, options);
}

void PredictionPipeline::run(Clock::time_point start, int target, const nn::CrossEntropyOptions<double>& options) {
  prediction_.target = std::clamp(target, 0, nn::kClasses - 1);
  evaluate(options, /*with_input_gradient=*/true);
  prediction_.update_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  ++prediction_.updates;
}

void PredictionPipeline::evaluate(const nn::CrossEntropyOptions<double>& options, bool with_input_gradient) {
  Prediction& p = prediction_;
  p.loss = p.squared_error = Prediction::kNaN;
  p.temperature = temperature_;
  p.grad_logits.fill(0.0f);
  p.squared_error_grad.fill(0.0f);
  p.grad_input.fill(0.0f);
  p.grad_input_max_abs = 0;
  if (!p.has_digit) {
    static_cast<nn::Classification&>(p) = nn::Classification{};
    return;
  }
  nn::classify(model_, p.input, p);
  if (!p.finite()) return;
  options_.assign(options);  // reserved: no allocation
  const int64_t target[] = {p.target};
  // PyTorch: z = logits / T; F.softmax(z), F.cross_entropy(z, y); autograd divides dL/dz by T.
  p.loss = nn::criterion_at_temperature<float>(nn::Criterion::CrossEntropy, row_of(p.logits), temperature_, target,
                                               options_, row_of(p.scaled_logits), row_of(p.grad_logits));
  if (temperature_ != 1) {  // at T = 1 classify()'s are the same numbers
    nn::softmax<float>(row_of(p.scaled_logits), row_of(p.probabilities));
    nn::log_softmax<float>(row_of(p.scaled_logits), row_of(p.log_probabilities));
  }
  if (options_.weight.empty()) {
    nn::ClassScores scaled;  // the same as p.scaled_logits
    p.squared_error =
        nn::criterion_at_temperature<float>(nn::Criterion::SquaredError, row_of(p.logits), temperature_, target,
                                            options_, row_of(scaled), row_of(p.squared_error_grad));
  }
  if (!with_input_gradient) return;
  const auto grad_input = model_.backward(row_of(p.grad_logits), {.param_grads = false, .input_grad = true});
  std::copy(grad_input.data(), grad_input.data() + data::kInputPixels, p.grad_input.begin());
  for (float g : p.grad_input) p.grad_input_max_abs = std::max(p.grad_input_max_abs, std::abs(g));
}

bool PredictionPipeline::learn(double learning_rate, const nn::CrossEntropyOptions<double>& options) {
  Prediction& p = prediction_;
  if (!p.has_digit || !p.finite()) return false;
  LearnStep step;
  step.target = p.target;
  step.learning_rate = std::clamp(learning_rate, kMinLearningRate, kMaxLearningRate);
  step.loss_before = p.loss;
  step.probabilities_before = p.probabilities;

  // PyTorch: model.eval(); loss = criterion(model(x), y); optimizer.zero_grad(); loss.backward(); step().
  model_.zero_grad();
  evaluate(options, /*with_input_gradient=*/false);
  model_.backward(row_of(p.grad_logits), {.param_grads = true, .input_grad = false});
  nn::Sgd sgd(model_.parameters(), {.lr = step.learning_rate});
  sgd.step();
  ++learn_steps_;
  ++model_version_;

  update_loss(p.target, options);
  step.loss_after = p.loss;
  step.probabilities_after = p.probabilities;
  last_step_ = step;
  return true;
}

void PredictionPipeline::set_temperature(double temperature) {
  temperature_ =
      temperature == temperature ? static_cast<float>(std::clamp(temperature, kMinTemperature, kMaxTemperature)) : 1.0f;
}

void PredictionPipeline::use_model(const nn::Model& model) {
  model_ = model;
  ++model_version_;
  model_.reserve(1);
  learn_steps_ = 0;
  last_step_ = LearnStep{};
}

void PredictionPipeline::reset_model(const nn::CrossEntropyOptions<double>& options) {
  model_ = loaded_;
  ++model_version_;
  learn_steps_ = 0;
  last_step_ = LearnStep{};
  update_loss(prediction_.target, options);
}

}  // namespace celab::app
