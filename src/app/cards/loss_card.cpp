#include "app/cards/loss_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/cards/prediction_card.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/loss_curve.h"
#include "app/ui/loss_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kBarThickness = 10;
constexpr float kNumberBesideTextMinWidth = 560;  // narrower: the explanation goes under the loss

}  // namespace

void LossCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_loss, state_.target(), fonts_);
  code_.draw_button_at_right(ImGui::GetCursorPosX(), inner);  // after the title: at the inner left edge
  code_.draw_box(inner);
  if (!draw_model_problem(state_)) {
    const Prediction& p = state_.pipeline()->prediction();
    if (!p.has_digit) {
      widgets::muted_text(text(Text::loss_empty));
    } else {
      widgets::big_loss(p.loss, state_.units(), 4, theme::kTarget, fonts_.display);
      const bool beside = inner >= kNumberBesideTextMinWidth;
      if (beside) ImGui::SameLine(0, 2 * theme::kGap);
      ImGui::BeginGroup();
      if (beside) ImGui::Dummy(ImVec2(0, 4));
      widgets::muted_textf("loss = %s(x, y)", state_.digit_loss().criterion().c_str());
      widgets::muted_text(text(p.predicted == state_.target() ? Text::loss_right : Text::loss_wrong));
      ImGui::EndGroup();
      widgets::vertical_gap(theme::kGap);
      draw_table(p, inner);
      widgets::vertical_gap(theme::kGap);
      widgets::rule(inner);
      widgets::vertical_gap(theme::kGap);
      draw_units_switch(state_, rects_);
      draw_loss_curve(state_, p, inner);
      widgets::vertical_gap(theme::kGap);
      widgets::rule(inner);
      widgets::vertical_gap(theme::kGap);
      draw_three_ways(state_.digit_loss(), inner, fonts_);
    }
  }
}

void LossCard::draw_table(const Prediction& p, float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushTextWrapPos(-1.0f);  // cells never wrap: the columns are sized for their numbers
  const float left = ImGui::GetCursorPosX();
  const float number = ImGui::CalcTextSize("\u2212000.000").x + style.ItemSpacing.x;
  const float class_width = ImGui::CalcTextSize(text(Text::loss_class)).x + style.ItemSpacing.x;
  const bool narrow = inner < 560;
  // Columns: class | logit x | p | log p | dL/dx value | dL/dx bar (the bar only when there is room).
  const float x_right = left + class_width + number;
  const float p_right = x_right + number;
  const float log_p_right = p_right + number;
  const float grad_right = log_p_right + number + style.ItemSpacing.x;
  const float bar_left = grad_right + 2 * style.ItemSpacing.x;
  const float bar_width = left + inner - bar_left;
  const bool bars = !narrow && bar_width > 80;

  const auto right = [](float x, const char* cell, ImU32 color) {
    widgets::same_line_at(x - ImGui::CalcTextSize(cell).x);
    widgets::colored_text(color, cell);
  };
  widgets::muted_text(text(Text::loss_class));
  right(x_right, "logit x", theme::kTextMuted);
  right(p_right, "softmax p", theme::kTextMuted);
  right(log_p_right, "log p", theme::kTextMuted);
  right(grad_right, "\u2202L/\u2202x", theme::kTextMuted);
  if (bars) {
    widgets::same_line_at(bar_left);
    widgets::muted_text(text(Text::loss_grad_note));
  }
  // Bars on an absolute scale (|dL/dx| <= 1 without weights), so a vanishing gradient looks it.
  float scale = 1;
  for (float g : p.grad_logits) scale = std::max(scale, std::abs(g));
  char cell[32];
  for (int k = 0; k < nn::kClasses; ++k) {
    const auto c = static_cast<size_t>(k);
    const bool target = k == state_.target();
    const ImU32 color = target ? theme::kTarget : theme::kText;
    std::snprintf(cell, sizeof cell, "%d", k);
    widgets::colored_text(target ? theme::kTarget : theme::kTextMuted, cell);
    widgets::format_number(cell, sizeof cell, p.logits[c], 3);
    right(x_right, cell, color);
    widgets::format_probability(cell, sizeof cell, p.probabilities[c]);
    right(p_right, cell, color);
    widgets::format_number(cell, sizeof cell, p.log_probabilities[c], 3);
    right(log_p_right, cell, color);
    widgets::format_number(cell, sizeof cell, p.grad_logits[c], 4);
    right(grad_right, cell, color);
    if (bars) {
      widgets::same_line_at(bar_left);
      // −dL/dx: to the right, in blue, where raising the logit would lower the loss.
      widgets::signed_bar(-p.grad_logits[c] / scale, ImVec2(bar_width, ImGui::GetTextLineHeight()), kBarThickness,
                          theme::kGradientLowers, theme::kGradientRaises);
    }
  }
  ImGui::PopTextWrapPos();
  widgets::vertical_gap(12);
  widgets::muted_text(text(Text::loss_softmax_note));
}

}  // namespace celab::app
