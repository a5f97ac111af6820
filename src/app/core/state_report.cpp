#include "app/core/state_report.h"

namespace celab::app {
namespace {

const char* status_name(LoadStatus status) {
  switch (status) {
    case LoadStatus::Ready: return "ready";
    case LoadStatus::Failed: return "failed";
    case LoadStatus::Loading: break;
  }
  return "loading";
}

nlohmann::json loss_lab_report(const LossLab& lab) {
  const nn::LossBreakdown& r = lab.result();
  const nn::LossBreakdown* shown = lab.shown();  // the mistaken program's, with a mistake on
  const nn::MistakeOutcome* mistake = lab.mistake_outcome();
  return {
      {"logits", lab.logits()},
      {"probabilities", std::vector<double>(r.probabilities.data(), r.probabilities.data() + r.probabilities.size())},
      {"target", lab.target()},
      {"loss", shown ? nlohmann::json(shown->loss()) : nlohmann::json(nullptr)},
      {"losses", shown ? three_ways_report(*shown) : nlohmann::json(nullptr)},
      {"mistake", lab.mistake() ? nlohmann::json(nn::mistake_name(*lab.mistake())) : nlohmann::json(nullptr)},
      {"message", mistake && mistake->raised() ? nlohmann::json(mistake->error) : nlohmann::json(nullptr)}};
}

}  // namespace

nlohmann::json three_ways_report(const nn::LossBreakdown& breakdown) {
  return {{"crossEntropy", breakdown.library.at(0)},
          {"formula", breakdown.formula.at(0)},
          {"logSoftmaxNll", breakdown.log_softmax_nll.at(0)}};
}

nlohmann::json state_report(const AppState& s) {
  const PredictionPipeline* pipeline = s.pipeline();
  static const Prediction kNoModel{};
  const Prediction& p = pipeline ? pipeline->prediction() : kNoModel;
  const LearnStep no_step;
  const LearnStep& step = pipeline ? pipeline->last_learn_step() : no_step;
  const auto label = s.pad().picture_label();
  return {
      {"predicted", p.predicted},
      {"probabilities", p.probabilities},
      {"logits", p.logits},
      {"target", s.target()},
      {"loss", p.loss},
      {"input", p.input},
      {"gradLogits", p.grad_logits},
      {"temperature", s.temperature()},
      {"scaledLogits", p.scaled_logits},
      {"squaredError", p.squared_error},
      {"squaredErrorGradient", p.squared_error_grad},
      {"units", units_name(s.units())},
      {"hasDigit", p.has_digit},
      {"logitsFinite", p.finite()},
      {"label", label ? nlohmann::json(*label) : nlohmann::json(nullptr)},
      {"brushRadius", s.pad().brush_radius()},
      {"updates", p.updates},
      {"model", status_name(s.model_status())},
      {"error", s.model_status() == LoadStatus::Failed ? nlohmann::json(s.model_error()) : nlohmann::json(nullptr)},
      {"testDigits", s.test_digit_count()},
      {"learn",
       {{"steps", pipeline ? pipeline->learn_steps() : 0},
        {"lossBefore", step.loss_before},
        {"lossAfter", step.loss_after}}},
      {"losses", three_ways_report(s.digit_loss().result())},
      {"lossLab", loss_lab_report(s.loss_lab())},
  };
}

}  // namespace celab::app
