#include "app/cards/training_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/core/confidence_text.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/loss_plot.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "nn/architecture.h"

namespace celab::app {
namespace {

constexpr float kPlotHeight = 220;
constexpr float kControlsWidth = 380;  // beside the plot when the card is wide enough
constexpr float kPlotMinWidth = 420;
constexpr float kSideNoteMinWidth = 200;  // the narrowest column a note beside a control may have

const char* status_text(const TrainingLab& lab) {
  switch (lab.status()) {
    case TrainingStatus::Idle:
      return text(lab.model() ? Text::training_status_stopped : Text::training_status_not_started);
    case TrainingStatus::WaitingForData: return text(Text::training_status_waiting);
    case TrainingStatus::Running: return text(Text::training_status_running);
    case TrainingStatus::Paused: return text(Text::training_status_paused);
  }
  return "";
}

// The widest of the choices' labels in the page's language: where every control starts.
float choice_label_width() {
  float widest = 0;
  for (const Text label :
       {Text::training_start_from, Text::training_seed, Text::training_optimizer, Text::criterion_label,
        Text::learn_rate, Text::training_batch_size, Text::training_label_smoothing})
    widest = std::max(widest, ImGui::CalcTextSize(text(label)).x);
  return widest;
}

// Continues the line if an item `width` wide still fits in the card, else starts the next line at
// window-local x `controls_x`, under the first control of the row: a phone is too narrow for both.
void beside_or_under(float width, float controls_x) {
  if (!widgets::same_line_if_fits(width, ImGui::GetStyle().ItemSpacing.x)) ImGui::SetCursorPosX(controls_x);
}

// The width of a radio button labelled `label`.
float radio_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

}  // namespace

void draw_data_status(TrainingLab& lab, float width, UiRects& rects, const char* retry_name) {
  if (lab.data_status() == DataStatus::Downloading) {
    widgets::muted_textf(text(Text::training_downloading), lab.data_received_bytes() / 1e6,
                         lab.data_total_bytes() / 1e6);
    widgets::bar(static_cast<float>(lab.data_fraction()), ImVec2(width, 10), 6, theme::kAccent);
  } else if (lab.data_status() == DataStatus::Failed) {
    widgets::colored_text(theme::kError, text(Text::training_data_failed));
    widgets::colored_text(theme::kError, lab.error().c_str());
    if (lab.data_needs_network()) widgets::paragraph(text(Text::training_needs_network));
    if (ImGui::Button(text(Text::training_retry))) lab.request_data();
    rects.record_last_item(retry_name);
  }
}

void TrainingCard::draw_choices(float width) {
  TrainingLab& lab = state_.training();
  TrainingOptions& o = lab.edit_options();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float label_width = choice_label_width() + 2 * style.ItemSpacing.x;
  const float controls_x = ImGui::GetCursorPosX() + label_width;  // window-local, where every control starts

  // Where a run starts and how it steps: fixed for the run under way.
  ImGui::BeginDisabled(lab.has_run());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_start_from));
  widgets::same_line_at(controls_x);
  if (ImGui::RadioButton(text(Text::training_scratch), o.from_scratch)) o.from_scratch = true;
  rects_.record_last_item("train/scratch");
  beside_or_under(radio_width(text(Text::training_shipped)), controls_x);
  if (ImGui::RadioButton(text(Text::training_shipped), !o.from_scratch)) o.from_scratch = false;
  rects_.record_last_item("train/shipped");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_seed));
  widgets::same_line_at(controls_x);
  int seed = static_cast<int>(o.seed);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("##seed", &seed, 1, 10)) o.seed = static_cast<uint64_t>(std::max(seed, 0));
  rects_.record_last_item("train/seed");
  beside_or_under(kSideNoteMinWidth, controls_x);  // the note: beside the seed if a few words fit a line
  widgets::muted_text(text(o.from_scratch ? Text::training_seed_note_scratch : Text::training_seed_note_shipped));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_optimizer));
  widgets::same_line_at(controls_x);
  for (const nn::OptimizerKind kind : {nn::OptimizerKind::Adam, nn::OptimizerKind::Sgd}) {
    const bool adam = kind == nn::OptimizerKind::Adam;
    if (ImGui::RadioButton(adam ? "Adam" : text(Text::training_sgd), o.optimizer.kind == kind) &&
        o.optimizer.kind != kind) {
      o.optimizer.kind = kind;
      o.optimizer.lr = TrainingOptions::default_learning_rate(kind);
    }
    rects_.record_last_item(adam ? "train/adam" : "train/sgd");
    if (adam) beside_or_under(radio_width(text(Text::training_sgd)), controls_x);
  }
  // The criterion: its name on a line, the choices under it (their names are long for a phone).
  ImGui::TextUnformatted(text(Text::criterion_label));
  const float choices_x = ImGui::GetCursorPosX() + ImGui::GetFrameHeight();
  for (const nn::Criterion c : nn::kCriteria) {
    ImGui::SetCursorPosX(choices_x);
    if (ImGui::RadioButton(criterion_text(c), o.criterion == c)) o.criterion = c;
    rects_.record_last_item(std::string("train/criterion/") + nn::criterion_name(c));
  }
  ImGui::EndDisabled();

  // These apply from the next step on, also while training.
  const float slider_width = std::max(120.0f, width - label_width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::learn_rate));
  widgets::same_line_at(controls_x);
  float lr = static_cast<float>(o.optimizer.lr);
  ImGui::SetNextItemWidth(slider_width);
  if (ImGui::SliderFloat("##train-lr", &lr, static_cast<float>(TrainingOptions::kMinLearningRate),
                         static_cast<float>(TrainingOptions::kMaxLearningRate), "%.5f",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    o.optimizer.lr = lr;
  rects_.record_last_item("train/lr");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_batch_size));
  widgets::same_line_at(controls_x);
  ImGui::SetNextItemWidth(slider_width);
  ImGui::SliderInt("##train-batch", &o.batch_size, TrainingOptions::kMinBatchSize, TrainingOptions::kMaxBatchSize, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  rects_.record_last_item("train/batch-size");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_label_smoothing));
  widgets::same_line_at(controls_x);
  float smoothing = static_cast<float>(o.label_smoothing);
  ImGui::SetNextItemWidth(slider_width);
  if (ImGui::SliderFloat("##train-smoothing", &smoothing, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp))
    o.label_smoothing = smoothing;
  rects_.record_last_item("train/smoothing");
}

void TrainingCard::draw_buttons() {
  TrainingLab& lab = state_.training();
  const bool running = lab.running() || lab.status() == TrainingStatus::WaitingForData;
  ImGui::BeginDisabled(running);
  if (widgets::primary_button(text(lab.has_run() && !running ? Text::training_go_on : Text::training_start)))
    lab.start();
  rects_.record_last_item("train/start");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button(text(Text::training_pause))) lab.pause();
  rects_.record_last_item("train/pause");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(running);
  if (ImGui::Button(text(Text::training_step))) lab.step();
  rects_.record_last_item("train/step");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!lab.has_run() && !lab.model());
  if (ImGui::Button(text(Text::training_reset))) state_.reset_model();
  rects_.record_last_item("train/reset");
  ImGui::EndDisabled();
}

void TrainingCard::draw_status(float width) {
  TrainingLab& lab = state_.training();
  draw_data_status(lab, width, rects_, "train/retry");
  if (lab.data_status() != DataStatus::Failed && !lab.error().empty()) {
    widgets::colored_text(theme::kError, text(Text::training_failed));
    widgets::colored_text(theme::kError, lab.error().c_str());
  }
  char line[256];
  if (lab.has_run()) {
    const TrainingOptions& r = lab.run_options();
    const char* start = text(r.from_scratch ? Text::training_from_scratch : Text::training_from_shipped);
    const char* optimizer = r.optimizer.kind == nn::OptimizerKind::Adam ? "Adam" : text(Text::training_sgd_momentum);
    if (r.from_scratch) {
      std::snprintf(line, sizeof line, text(Text::training_run_seed), lab.run(), status_text(lab), start, optimizer,
                    static_cast<unsigned long long>(r.seed));
    } else {
      std::snprintf(line, sizeof line, text(Text::training_run), lab.run(), status_text(lab), start, optimizer);
    }
    widgets::paragraph(line);
    std::snprintf(line, sizeof line, text(Text::criterion_run), criterion_text(r.criterion));
  } else {
    std::snprintf(line, sizeof line, text(Text::training_status), status_text(lab));
  }
  widgets::paragraph(line);
  if (lab.has_run() || lab.steps() > 0) {
    std::snprintf(line, sizeof line, text(Text::training_progress), static_cast<long long>(lab.steps()), lab.epochs(),
                  lab.images_per_second());
    widgets::paragraph(line);
    if (!lab.losses().empty()) {
      std::snprintf(line, sizeof line, text(Text::training_loss), static_cast<double>(lab.losses().back()),
                    static_cast<int>(std::min<size_t>(lab.losses().size(), TrainingLab::kRunningMeanSteps)),
                    static_cast<double>(lab.running_means().back()));
      widgets::paragraph(line);
    }
    if (!lab.accuracies().empty()) {
      const AccuracyPoint& a = lab.accuracies().back();
      std::snprintf(line, sizeof line, text(Text::training_accuracy), 100 * a.accuracy, state_.test_digit_count(),
                    static_cast<long long>(a.step));
      widgets::colored_text(theme::kGood, line);
      char nll[48];
      widgets::format_loss(nll, sizeof nll, a.nll, state_.units(), 4);
      widgets::colored_textf(theme::kTarget, text(Text::criterion_test_nll), nll);
    }
  }
}

void TrainingCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_training, fonts_);
  widgets::muted_text(text(Text::training_note));
  widgets::muted_text(text(Text::criterion_note));
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
  draw_loss_plot(lab.losses(), lab.running_means(), lab.accuracies(), lab.past_runs(), ImVec2(plot_width, kPlotHeight));
  const double uniform_p = 1.0 / nn::kClasses;  // a fresh network's guess: the same p for every class
  widgets::muted_textf(text(Text::training_plot_note), nn::kClasses, uniform_p, uniform_p, nn::kClasses,
                       std::log(static_cast<double>(nn::kClasses)));
  widgets::muted_text(text(Text::criterion_plot_note));
  for (const PastRun& r : lab.past_runs())
    widgets::muted_textf(text(Text::criterion_past_run), r.run, criterion_text(r.options.criterion));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace celab::app
