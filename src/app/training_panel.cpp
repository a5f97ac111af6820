#include "app/training_panel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/fonts.h"
#include "app/loss_plot.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kPlotHeight = 220;
constexpr float kControlsWidth = 380;  // beside the plot when the card is wide enough
constexpr float kPlotMinWidth = 420;

const char* status_text(const TrainingLab& lab) {
  switch (lab.status()) {
    case TrainingStatus::Idle: return lab.model() ? "stopped" : "not started: the shipped model predicts";
    case TrainingStatus::WaitingForData: return "waiting for the training digits";
    case TrainingStatus::Running: return "training";
    case TrainingStatus::Paused: return "paused";
  }
  return "";
}

}  // namespace

void draw_data_status(TrainingLab& lab, float width, UiRects& rects, const char* retry_name) {
  if (lab.data_status() == DataStatus::Downloading) {
    char text[96];
    std::snprintf(text, sizeof text, "Downloading the MNIST training digits: %.1f of %.1f MB",
                  lab.data_received_bytes() / 1e6, lab.data_total_bytes() / 1e6);
    widgets::muted_text(text);
    widgets::bar(static_cast<float>(lab.data_fraction()), ImVec2(width, 10), 6, theme::kAccent);
  } else if (lab.data_status() == DataStatus::Failed) {
    widgets::colored_text(theme::kError, lab.error().c_str());
    if (ImGui::Button("Retry")) lab.request_data();
    rects.record_last_item(retry_name);
  }
}

void TrainingPanel::draw_choices(float width) {
  TrainingLab& lab = state_.training();
  TrainingOptions& o = lab.edit_options();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float label_width = ImGui::CalcTextSize("label smoothing").x + 2 * style.ItemSpacing.x;
  const float controls_x = ImGui::GetCursorPosX() + label_width;  // window-local, where every control starts

  // Where a run starts and how it steps: fixed for the run under way.
  ImGui::BeginDisabled(lab.has_run());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("start from");
  widgets::same_line_at(controls_x);
  if (ImGui::RadioButton("scratch", o.from_scratch)) o.from_scratch = true;
  rects_.record_last_item("train/scratch");
  ImGui::SameLine();
  if (ImGui::RadioButton("the shipped model", !o.from_scratch)) o.from_scratch = false;
  rects_.record_last_item("train/shipped");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("seed");
  widgets::same_line_at(controls_x);
  int seed = static_cast<int>(o.seed);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("##seed", &seed, 1, 10)) o.seed = static_cast<uint64_t>(std::max(seed, 0));
  rects_.record_last_item("train/seed");
  ImGui::SameLine();
  widgets::muted_text(o.from_scratch ? "He init from this seed; it also orders the batches" : "orders the batches");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("optimizer");
  widgets::same_line_at(controls_x);
  for (const nn::OptimizerKind kind : {nn::OptimizerKind::Adam, nn::OptimizerKind::Sgd}) {
    const bool adam = kind == nn::OptimizerKind::Adam;
    if (ImGui::RadioButton(adam ? "Adam" : "SGD, momentum 0.9", o.optimizer.kind == kind) && o.optimizer.kind != kind) {
      o.optimizer.kind = kind;
      o.optimizer.lr = TrainingOptions::default_learning_rate(kind);
    }
    rects_.record_last_item(adam ? "train/adam" : "train/sgd");
    if (adam) ImGui::SameLine();
  }
  ImGui::EndDisabled();

  // These apply from the next step on, also while training.
  const float slider_width = std::max(120.0f, width - label_width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("learning rate");
  widgets::same_line_at(controls_x);
  float lr = static_cast<float>(o.optimizer.lr);
  ImGui::SetNextItemWidth(slider_width);
  if (ImGui::SliderFloat("##train-lr", &lr, static_cast<float>(TrainingOptions::kMinLearningRate), 0.5f, "%.5f",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    o.optimizer.lr = lr;
  rects_.record_last_item("train/lr");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("batch size");
  widgets::same_line_at(controls_x);
  ImGui::SetNextItemWidth(slider_width);
  ImGui::SliderInt("##train-batch", &o.batch_size, TrainingOptions::kMinBatchSize, TrainingOptions::kMaxBatchSize, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  rects_.record_last_item("train/batch-size");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("label smoothing");
  widgets::same_line_at(controls_x);
  float smoothing = static_cast<float>(o.label_smoothing);
  ImGui::SetNextItemWidth(slider_width);
  if (ImGui::SliderFloat("##train-smoothing", &smoothing, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp))
    o.label_smoothing = smoothing;
  rects_.record_last_item("train/smoothing");
}

void TrainingPanel::draw_buttons() {
  TrainingLab& lab = state_.training();
  const bool running = lab.running() || lab.status() == TrainingStatus::WaitingForData;
  ImGui::BeginDisabled(running);
  if (widgets::primary_button(lab.has_run() && !running ? "Go on" : "Start")) lab.start();
  rects_.record_last_item("train/start");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Pause")) lab.pause();
  rects_.record_last_item("train/pause");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Step")) lab.step();
  rects_.record_last_item("train/step");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!lab.has_run() && !lab.model());
  if (ImGui::Button("Reset")) state_.reset_model();
  rects_.record_last_item("train/reset");
  ImGui::EndDisabled();
}

void TrainingPanel::draw_status(float width) {
  TrainingLab& lab = state_.training();
  draw_data_status(lab, width, rects_, "train/retry");
  if (lab.data_status() != DataStatus::Failed && !lab.error().empty())
    widgets::colored_text(theme::kError, lab.error().c_str());
  char text[200];
  if (lab.has_run()) {
    const TrainingOptions& r = lab.run_options();
    std::snprintf(text, sizeof text, "Run %d: %s, %s, %s.", lab.run(), status_text(lab),
                  r.from_scratch ? "from scratch" : "from the shipped model",
                  r.optimizer.kind == nn::OptimizerKind::Adam ? "Adam" : "SGD with momentum");
    if (r.from_scratch) {
      const size_t used = std::strlen(text) - 1;  // replace the final full stop
      std::snprintf(text + used, sizeof text - used, ", seed %llu.", static_cast<unsigned long long>(r.seed));
    }
  } else {
    std::snprintf(text, sizeof text, "%s%s", status_text(lab), lab.model() ? "" : ".");
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  ImGui::TextUnformatted(text);
  if (lab.has_run() || lab.steps() > 0) {
    std::snprintf(text, sizeof text, "step %lld  \u00b7  epoch %.2f  \u00b7  %.0f images/s",
                  static_cast<long long>(lab.steps()), lab.epochs(), lab.images_per_second());
    ImGui::TextUnformatted(text);
    if (!lab.losses().empty()) {
      std::snprintf(text, sizeof text, "loss %.4f, mean of the last %d steps %.4f",
                    static_cast<double>(lab.losses().back()),
                    static_cast<int>(std::min<size_t>(lab.losses().size(), TrainingLab::kRunningMeanSteps)),
                    static_cast<double>(lab.running_means().back()));
      ImGui::TextUnformatted(text);
    }
    if (!lab.accuracies().empty()) {
      const AccuracyPoint& a = lab.accuracies().back();
      std::snprintf(text, sizeof text, "test accuracy %.1f%% on the %zu test digits (at step %lld)", 100 * a.accuracy,
                    state_.test_digit_count(), static_cast<long long>(a.step));
      widgets::colored_text(theme::kGood, text);
    }
  }
}

float TrainingPanel::draw(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  const float inner = widgets::card_inner_width();
  widgets::card_title("Training", fonts);
  widgets::muted_text(
      "Train this network on 10,000 MNIST training digits, here in the page: each step takes a batch, runs the "
      "network forward, computes the mean cross-entropy of the batch, back-propagates it and lets the optimizer "
      "change every weight (the same code as the command line's celab train). While a run exists, the drawing, "
      "the prediction and the loss above use its newest weights: draw a digit and watch it being learnt.");
  widgets::vertical_gap(theme::kGap * 0.5f);
  const bool beside = inner >= kControlsWidth + theme::kGap + kPlotMinWidth;
  const float controls = beside ? kControlsWidth : inner;
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + controls);
  draw_choices(controls);
  widgets::vertical_gap(theme::kGap * 0.5f);
  draw_buttons();
  draw_status(controls);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float plot_width = beside ? inner - controls - theme::kGap : inner;
  if (beside) {
    ImGui::SameLine(0, theme::kGap);
  } else {
    widgets::vertical_gap(theme::kGap * 0.5f);
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + plot_width);
  const TrainingLab& lab = state_.training();
  draw_loss_plot(lab.losses(), lab.running_means(), lab.accuracies(), ImVec2(plot_width, kPlotHeight));
  widgets::muted_text(
      "Loss per step (grey), its running mean (blue), test accuracy (green dots, right scale). A fresh network "
      "knows nothing: its logits are all near 0, so softmax gives each of the 10 classes p \u2248 0.1 and the loss "
      "is \u2212log 0.1 = ln 10 \u2248 2.303, the dashed line. Below it the network does better than a uniform guess.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  return widgets::end_card(min_height);
}

}  // namespace celab::app
