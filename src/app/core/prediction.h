// The page's prediction pipeline, one pass per change of the drawing, target or loss options:
//   canvas -> preprocess (MNIST recipe) -> model forward -> softmax -> cross-entropy
//          -> dL/dlogits -> model backward -> dL/dinput (the saliency map)
// plus "Learn this" (one SGD step on the drawing with the target) and "Reset model". Buffers are
// the pipeline's own and reused; the numbers are float, as a float32 PyTorch model gives them.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "app/core/loss_settings.h"
#include "data/image.h"
#include "data/model_input.h"
#include "data/preprocess.h"
#include "nn/model.h"

namespace celab::app {

using ClassValues = std::array<float, kDigitClasses>;

struct Prediction {
  static constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

  bool has_digit = false;      // false: the canvas has no ink, nothing below is meaningful
  bool logits_finite = true;   // false: the model gave NaN or infinite logits (a broken model)
  data::ModelInput input{};    // what the model saw
  ClassValues logits{}, probabilities{}, log_probabilities{};
  int predicted = -1;          // argmax of the logits; -1 without a digit or with non-finite logits
  int target = 0;
  float loss = kNaN;           // nn.CrossEntropyLoss(options)(logits, target) as PyTorch returns it
  ClassValues grad_logits{};   // dL/dlogits
  data::ModelInput grad_input{};  // dL/dinput
  float grad_input_max_abs = 0;
  double update_ms = 0;        // preprocess (if the canvas changed) + forward + loss + backward
  uint64_t updates = 0;        // how many times the pipeline ran
};

// One "Learn this" step and what it did.
struct LearnStep {
  int target = 0;
  double learning_rate = 0;
  float loss_before = Prediction::kNaN, loss_after = Prediction::kNaN;
  ClassValues probabilities_before{}, probabilities_after{};
};

class PredictionPipeline {
 public:
  static constexpr double kMinLearningRate = 1e-4, kMaxLearningRate = 0.1;

  // `model` is the loaded model; the pipeline keeps a copy for reset_model().
  explicit PredictionPipeline(const nn::Model& model);

  // Runs the whole pipeline on a changed canvas.
  void update(const data::Image& canvas, int target, const LossSettings& settings);
  // Runs it from the forward pass on, on the previous input: the target or the options changed.
  void update_loss(int target, const LossSettings& settings);

  // One SGD step (p -= lr * dL/dp, batch norm fixed as in evaluation) on the current input and
  // target, then update() again. Does nothing (returns false) without a finite prediction.
  bool learn(double learning_rate, const LossSettings& settings);
  // Back to the loaded weights, then update() again.
  void reset_model(const LossSettings& settings);
  // Another model's weights (the training card's, as it trains; or loaded_model() again). Runs
  // nothing: call update_loss() next.
  void use_model(const nn::Model& model);

  const nn::Model& loaded_model() const { return loaded_; }  // the shipped one
  const nn::Model& model() const { return model_; }         // what predicts now
  const Prediction& prediction() const { return prediction_; }
  const LearnStep& last_learn_step() const { return last_step_; }
  int learn_steps() const { return learn_steps_; }

 private:
  void run(const data::Image* changed_canvas, int target, const LossSettings& settings);
  void evaluate(const LossSettings& settings, bool with_input_gradient);
  void set_loss_options(const LossSettings& settings);

  nn::Model loaded_;
  nn::Model model_;
  data::Preprocessor preprocessor_;
  nn::CrossEntropyOptions<float> options_;
  Prediction prediction_;
  LearnStep last_step_;
  int learn_steps_ = 0;
};

}  // namespace celab::app
