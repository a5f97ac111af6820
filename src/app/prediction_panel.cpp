#include "app/prediction_panel.h"

#include <algorithm>
#include <cstdio>

#include "app/fonts.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kBarThickness = 12;
constexpr float kMaxTargetButton = 38;

}  // namespace

bool draw_model_problem(const AppState& state) {
  switch (state.model_status()) {
    case LoadStatus::Loading:
      widgets::muted_text("Loading the model\u2026");
      return true;
    case LoadStatus::Failed:
      widgets::colored_text(theme::kError, "The model could not be loaded, so there is no prediction:");
      widgets::colored_text(theme::kError, state.model_error().c_str());
      return true;
    case LoadStatus::Ready:
      break;
  }
  const Prediction& p = state.pipeline()->prediction();
  if (p.has_digit && !p.finite()) {
    widgets::colored_text(theme::kError,
                          "The model's logits are not finite (NaN or \u00b1\u221e), so no probability or loss here "
                          "would mean anything.");
    widgets::colored_text(theme::kError, state.pipeline()->learn_steps() > 0
                                             ? "Learning steps made the weights diverge: reset the model (below)."
                                             : "The model file itself is broken: its weights overflow on this input.");
    return true;
  }
  return false;
}

float PredictionPanel::draw(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  const float inner = widgets::card_inner_width();
  widgets::card_title("Prediction", fonts);
  const PredictionPipeline* pipeline = state_.pipeline();
  if (!draw_model_problem(state_)) {
    const Prediction& p = pipeline->prediction();
    char text[64];
    if (p.has_digit) {
      std::snprintf(text, sizeof text, "The model says %d, with p = %.1f%%.", p.predicted,
                    100.0 * p.probabilities[static_cast<size_t>(p.predicted)]);
      ImGui::TextUnformatted(text);
    } else {
      widgets::muted_text("draw a digit");
    }
    draw_bars(p, inner);
  }
  widgets::vertical_gap(theme::kGap);
  draw_target_selector(inner);
  draw_loss_summary(fonts);
  return widgets::end_card(min_height);
}

void PredictionPanel::draw_bars(const Prediction& p, float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float left = ImGui::GetCursorPosX();
  const float label_width = ImGui::CalcTextSize("0").x + 2 * style.ItemSpacing.x;
  const float value_width = ImGui::CalcTextSize("100.0%").x;
  const float bar_width = inner - label_width - value_width - style.ItemSpacing.x;
  const float row_height = ImGui::GetTextLineHeight() + 6;
  char text[32];
  for (int k = 0; k < nn::kClasses; ++k) {
    const auto c = static_cast<size_t>(k);
    const bool predicted = k == p.predicted, target = k == state_.target();
    std::snprintf(text, sizeof text, "%d", k);
    const float row_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(row_top + 3);
    widgets::colored_text(target ? theme::kTarget : predicted ? theme::kText : theme::kTextMuted, text);
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(left + label_width, row_top));
    const float probability = p.has_digit ? p.probabilities[c] : 0.0f;
    widgets::bar(probability, ImVec2(bar_width, row_height), kBarThickness,
                 predicted ? theme::kPredicted : theme::kBar);
    if (p.has_digit) {
      std::snprintf(text, sizeof text, "%.1f%%", 100.0 * probability);
      widgets::same_line_at(left + inner - ImGui::CalcTextSize(text).x);
      ImGui::SetCursorPosY(row_top + 3);
      widgets::colored_text(predicted ? theme::kText : theme::kTextMuted, text);
    }
    ImGui::SetCursorPosY(row_top + row_height + 2);
  }
}

void PredictionPanel::draw_loss_summary(const Fonts& fonts) {
  const PredictionPipeline* pipeline = state_.pipeline();
  if (!pipeline || !pipeline->prediction().has_digit || !pipeline->prediction().finite()) return;
  widgets::vertical_gap(theme::kGap);
  char text[64];
  ImGui::AlignTextToFramePadding();
  std::snprintf(text, sizeof text, "Cross-entropy loss for y = %d:", state_.target());
  ImGui::TextUnformatted(text);
  ImGui::SameLine();
  ImGui::PushFont(fonts.heading);
  widgets::format_number(text, sizeof text, pipeline->prediction().loss, 4);
  widgets::colored_text(theme::kTarget, text);
  ImGui::PopFont();
  widgets::muted_text("Its breakdown is below.");
}

void PredictionPanel::draw_target_selector(float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::AlignTextToFramePadding();
  char text[96];
  std::snprintf(text, sizeof text, "Target y = %d", state_.target());
  widgets::colored_text(theme::kTarget, text);
  ImGui::SameLine();
  widgets::muted_text("the label the loss measures against (keys 0\u20139)");
  const float spacing = style.ItemInnerSpacing.x;
  const float button = std::min(kMaxTargetButton, std::floor((inner - (nn::kClasses - 1) * spacing) / nn::kClasses));
  for (int k = 0; k < nn::kClasses; ++k) {
    if (k > 0) ImGui::SameLine(0, spacing);
    char label[24];
    std::snprintf(label, sizeof label, "%d##target", k);
    if (widgets::toggle_button(label, k == state_.target(), ImVec2(button, 0))) state_.set_target(k);
    std::snprintf(label, sizeof label, "target/%d", k);
    rects_.record_last_item(label);
  }
}

}  // namespace celab::app
