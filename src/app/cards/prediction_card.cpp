#include "app/cards/prediction_card.h"

#include <algorithm>
#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kBarThickness = 12;
constexpr float kMaxTargetButton = 38;

}  // namespace

bool draw_model_problem(const AppState& state) {
  switch (state.model_status()) {
    case LoadStatus::Loading: widgets::muted_text(text(Text::prediction_loading)); return true;
    case LoadStatus::Failed:
      widgets::colored_text(theme::kError, text(Text::prediction_model_failed));
      widgets::colored_text(theme::kError, state.model_error().c_str());
      return true;
    case LoadStatus::Ready: break;
  }
  const Prediction& p = state.pipeline()->prediction();
  if (p.has_digit && !p.finite()) {
    widgets::colored_text(theme::kError, text(Text::prediction_non_finite));
    widgets::colored_text(theme::kError, text(state.pipeline()->learn_steps() > 0 ? Text::prediction_diverged
                                                                                  : Text::prediction_broken_file));
    return true;
  }
  return false;
}

void PredictionCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_prediction, fonts_);
  const PredictionPipeline* pipeline = state_.pipeline();
  if (!draw_model_problem(state_)) {
    const Prediction& p = pipeline->prediction();
    char line[128];
    if (p.has_digit) {
      std::snprintf(line, sizeof line, text(Text::prediction_says), p.predicted,
                    100.0 * p.probabilities[static_cast<size_t>(p.predicted)]);
      ImGui::TextUnformatted(line);
    } else {
      widgets::muted_text(text(Text::prediction_empty));
    }
    draw_bars(p, inner);
  }
  widgets::vertical_gap(theme::kGap);
  draw_target_selector(inner);
  draw_loss_summary();
}

void PredictionCard::draw_bars(const Prediction& p, float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float left = ImGui::GetCursorPosX();
  const float label_width = ImGui::CalcTextSize("0").x + 2 * style.ItemSpacing.x;
  const float value_width = ImGui::CalcTextSize("100.0%").x;
  const float bar_width = inner - label_width - value_width - style.ItemSpacing.x;
  const float row_height = ImGui::GetTextLineHeight() + 6;
  char cell[32];
  for (int k = 0; k < nn::kClasses; ++k) {
    const auto c = static_cast<size_t>(k);
    const bool predicted = k == p.predicted, target = k == state_.target();
    std::snprintf(cell, sizeof cell, "%d", k);
    const float row_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(row_top + 3);
    widgets::colored_text(target ? theme::kTarget : predicted ? theme::kText : theme::kTextMuted, cell);
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(left + label_width, row_top));
    const float probability = p.has_digit ? p.probabilities[c] : 0.0f;
    widgets::bar(probability, ImVec2(bar_width, row_height), kBarThickness,
                 predicted ? theme::kPredicted : theme::kBar);
    if (p.has_digit) {
      std::snprintf(cell, sizeof cell, "%.1f%%", 100.0 * probability);
      widgets::same_line_at(left + inner - ImGui::CalcTextSize(cell).x);
      ImGui::SetCursorPosY(row_top + 3);
      widgets::colored_text(predicted ? theme::kText : theme::kTextMuted, cell);
    }
    ImGui::SetCursorPosY(row_top + row_height + 2);
  }
}

void PredictionCard::draw_loss_summary() {
  const PredictionPipeline* pipeline = state_.pipeline();
  if (!pipeline || !pipeline->prediction().has_digit || !pipeline->prediction().finite()) return;
  widgets::vertical_gap(theme::kGap);
  char line[128];
  ImGui::AlignTextToFramePadding();
  std::snprintf(line, sizeof line, text(Text::prediction_loss_for), state_.target());
  ImGui::TextUnformatted(line);
  ImGui::SameLine();
  // In the unit the page's switch chose, said beside it, as the loss card below says it.
  widgets::big_loss(pipeline->prediction().loss, state_.units(), 4, theme::kTarget, fonts_.heading);
  widgets::muted_text(text(Text::prediction_breakdown_below));
}

void PredictionCard::draw_target_selector(float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::AlignTextToFramePadding();
  char line[96];
  std::snprintf(line, sizeof line, text(Text::prediction_target), state_.target());
  widgets::colored_text(theme::kTarget, line);
  ImGui::SameLine();
  widgets::muted_text(text(Text::prediction_target_note));
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
