// The page's prediction pipeline, one pass per change of the drawing, target or loss options:
//   canvas -> preprocess (MNIST recipe) -> nn::classify (forward, softmax, class) -> cross-entropy
//          -> dL/dlogits -> model backward -> dL/dinput (the saliency map)
// plus "Learn this" (one SGD step on the drawing with the target) and "Reset model". Buffers are
// the pipeline's own and reused; the numbers are float, as a float32 PyTorch model gives them.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <span>

#include "data/image.h"
#include "data/model_input.h"
#include "data/preprocess.h"
#include "nn/classify.h"
#include "nn/loss_options.h"
#include "nn/model.h"

namespace celab::app {

// The model's answer (logits, probabilities, log-probabilities, class; predicted -1 without a
// digit or with non-finite logits) and what the page adds to it. With a temperature T the softmax,
// the loss and the gradients see logits / T, as PyTorch's F.cross_entropy(logits / T, y) does;
// `logits` stay the model's, and the class (their argmax) is the same at every T > 0.
struct Prediction : nn::Classification {
  static constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

  bool has_digit = false;    // false: the canvas has no ink, nothing below is meaningful
  data::ModelInput input{};  // what the model saw
  int target = 0;
  float temperature = 1;            // 1: PyTorch's plain softmax
  nn::ClassScores scaled_logits{};  // logits / temperature: what the softmax and the loss see
  float loss = kNaN;                // nn.CrossEntropyLoss(options)(logits / T, target) as PyTorch returns it
  nn::ClassScores grad_logits{};    // dL/dlogits (through the division by T)
  // Squared error on probabilities, sum_c (softmax(logits / T)_c - q_c)^2 with q the one-hot target
  // (label-smoothed as the options say), and its d/dlogits: the criterion a softmax should not be
  // trained with. NaN (gradient 0) with class weights, which it does not define.
  float squared_error = kNaN;
  nn::ClassScores squared_error_grad{};
  data::ModelInput grad_input{};  // dL/dinput
  float grad_input_max_abs = 0;
  double update_ms = 0;  // preprocess (if the canvas changed) + forward + loss + backward
  uint64_t updates = 0;  // how many times the pipeline ran
};

// One "Learn this" step and what it did.
struct LearnStep {
  int target = 0;
  double learning_rate = 0;
  float loss_before = Prediction::kNaN, loss_after = Prediction::kNaN;
  nn::ClassScores probabilities_before{}, probabilities_after{};
};

class PredictionPipeline {
 public:
  static constexpr double kMinLearningRate = 1e-4, kMaxLearningRate = 0.1;
  static constexpr double kMinTemperature = 0.1, kMaxTemperature = 10;

  // `model` is the loaded model; the pipeline keeps a copy for reset_model().
  explicit PredictionPipeline(const nn::Model& model);

  // Runs the whole pipeline on a changed canvas: the MNIST recipe makes the model input.
  void update(const data::Image& canvas, int target, const nn::CrossEntropyOptions<double>& options);
  // Runs it on `pixels` (kInputPixels bytes, 0 background to 255 ink) taken as the model input as
  // they are, pixel / 255, as every MNIST digit is (data::MnistSplit::image_as_float).
  void update_input(std::span<const uint8_t> pixels, int target, const nn::CrossEntropyOptions<double>& options);
  // Runs it from the forward pass on, on the previous input: the target or the options changed.
  void update_loss(int target, const nn::CrossEntropyOptions<double>& options);

  // One SGD step (p -= lr * dL/dp, batch norm fixed as in evaluation) on the current input and
  // target, then update() again. Does nothing (returns false) without a finite prediction.
  bool learn(double learning_rate, const nn::CrossEntropyOptions<double>& options);
  // Back to the loaded weights, then update() again.
  void reset_model(const nn::CrossEntropyOptions<double>& options);
  // The temperature of the next update (clamped into [kMinTemperature, kMaxTemperature]; NaN: 1).
  void set_temperature(double temperature);
  double temperature() const { return temperature_; }
  // Another model's weights (the training card's, as it trains; or loaded_model() again). Runs
  // nothing: call update_loss() next.
  void use_model(const nn::Model& model);

  const nn::Model& loaded_model() const { return loaded_; }  // the shipped one
  const nn::Model& model() const { return model_; }          // what predicts now
  uint64_t model_version() const { return model_version_; }  // changes whenever model() does
  const Prediction& prediction() const { return prediction_; }
  const LearnStep& last_learn_step() const { return last_step_; }
  int learn_steps() const { return learn_steps_; }

 private:
  using Clock = std::chrono::steady_clock;
  // From the forward pass on, on prediction_.input; the time counted from `start`.
  void run(Clock::time_point start, int target, const nn::CrossEntropyOptions<double>& options);
  void evaluate(const nn::CrossEntropyOptions<double>& options, bool with_input_gradient);

  nn::Model loaded_;
  nn::Model model_;
  data::Preprocessor preprocessor_;
  nn::CrossEntropyOptions<float> options_;  // the page's options for the float model
  float temperature_ = 1;
  Prediction prediction_;
  LearnStep last_step_;
  int learn_steps_ = 0;
  uint64_t model_version_ = 0;
};

}  // namespace celab::app
