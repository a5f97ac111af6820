#include "app/cards/temperature_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/cards/prediction_card.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kBarThickness = 9;
constexpr double kSureAndWrong = 0.01;  // p[y] below this, the target not predicted: "sure and wrong"

// `value` in printf `format` (%g: enough digits to show a vanishing push), with the page's minus sign.
void signed_text(char* out, size_t size, const char* format, double value) {
  char digits[24];  // %.6g of a float
  std::snprintf(digits, sizeof digits, format, std::abs(value));
  std::snprintf(out, size, "%s%s", value < 0 ? "\u2212" : "", digits);
}

}  // namespace

void TemperatureCard::draw_temperature(float inner) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* label = text(Text::temperature_label);
  const float reset_width = ImGui::CalcTextSize(text(Text::temperature_reset)).x + 2 * style.FramePadding.x;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  float t = static_cast<float>(state_.temperature());
  // The slider takes the line but the label and the reset button (which goes under it on a phone).
  const float rest = inner - ImGui::CalcTextSize(label).x - style.ItemSpacing.x;
  ImGui::SetNextItemWidth(rest - reset_width - style.ItemSpacing.x >= 200 ? rest - reset_width - style.ItemSpacing.x
                                                                          : rest);
  if (ImGui::SliderFloat("##temperature", &t, static_cast<float>(PredictionPipeline::kMinTemperature),
                         static_cast<float>(PredictionPipeline::kMaxTemperature), "T = %.2f",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    state_.set_temperature(t);
  rects_.record_last_item("temperature/slider");
  widgets::same_line_if_fits(reset_width, style.ItemSpacing.x);
  ImGui::BeginDisabled(state_.temperature() == 1);
  if (ImGui::Button(text(Text::temperature_reset))) state_.set_temperature(1);
  rects_.record_last_item("temperature/reset");
  ImGui::EndDisabled();
  widgets::muted_text(text(Text::temperature_note));
}

void TemperatureCard::draw_squared_error(const Prediction& p, float inner) {
  const int target = state_.target();
  const auto y = static_cast<size_t>(target);
  const LossUnits units = state_.units();
  ImGui::PushFont(fonts_.heading);
  ImGui::TextUnformatted(text(Text::heading_squared));
  ImGui::PopFont();
  widgets::muted_textf(text(Text::squared_note), target);
  if (std::isnan(p.squared_error)) {
    widgets::colored_text(theme::kError, text(Text::squared_weights));
    return;
  }
  char ce[48], se[48], line[512], a[48], b[48];
  widgets::format_loss(ce, sizeof ce, p.loss, units, 4);
  widgets::format_number(se, sizeof se, p.squared_error, 4);
  widgets::colored_textf(theme::kAccent, "%s = %s", text(Text::squared_cross_entropy), ce);
  widgets::same_line_if_fits(ImGui::CalcTextSize(text(Text::squared_squared_error)).x + ImGui::CalcTextSize(se).x + 30,
                             2 * theme::kGap);
  widgets::colored_textf(theme::kAccent, "%s = %s", text(Text::squared_squared_error), se);

  // class | p | ∂CE/∂x | bar | ∂SE/∂x | bar, on one absolute scale: a push that vanishes looks it.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushTextWrapPos(-1.0f);
  const float left = ImGui::GetCursorPosX();
  const float number = ImGui::CalcTextSize("\u22120.00000").x + style.ItemSpacing.x;
  const float class_width = ImGui::CalcTextSize("0").x + 2 * style.ItemSpacing.x;
  const float p_right = left + class_width + number;
  const float bar_width = (inner - (p_right - left) - 2 * number - 4 * style.ItemSpacing.x) / 2;
  const bool bars = bar_width >= 60;  // a phone has room for the numbers only
  const float ce_right = p_right + number;
  const float ce_bar = ce_right + style.ItemSpacing.x;
  const float se_right = (bars ? ce_bar + bar_width : ce_right) + number;
  const float se_bar = se_right + style.ItemSpacing.x;
  const auto right = [](float x, const char* cell, ImU32 color) {
    widgets::same_line_at(x - ImGui::CalcTextSize(cell).x);
    widgets::colored_text(color, cell);
  };
  widgets::muted_text("y");
  right(p_right, "p", theme::kTextMuted);
  right(ce_right, "\u2202CE/\u2202x", theme::kTextMuted);
  right(se_right, "\u2202SE/\u2202x", theme::kTextMuted);
  char cell[32];
  for (int k = 0; k < nn::kClasses; ++k) {
    const auto c = static_cast<size_t>(k);
    const ImU32 color = k == target ? theme::kTarget : theme::kText;
    std::snprintf(cell, sizeof cell, "%d", k);
    widgets::colored_text(k == target ? theme::kTarget : theme::kTextMuted, cell);
    widgets::format_probability(cell, sizeof cell, p.probabilities[c]);
    right(p_right, cell, color);
    widgets::format_number(cell, sizeof cell, p.grad_logits[c], 4);
    right(ce_right, cell, color);
    if (bars) {
      widgets::same_line_at(ce_bar);
      widgets::signed_bar(-p.grad_logits[c], ImVec2(bar_width, ImGui::GetTextLineHeight()), kBarThickness,
                          theme::kGradientLowers, theme::kGradientRaises);
    }
    widgets::format_number(cell, sizeof cell, p.squared_error_grad[c], 4);
    right(se_right, cell, color);
    if (bars) {
      widgets::same_line_at(se_bar);
      widgets::signed_bar(-p.squared_error_grad[c], ImVec2(bar_width, ImGui::GetTextLineHeight()), kBarThickness,
                          theme::kGradientLowers, theme::kGradientRaises);
    }
  }
  ImGui::PopTextWrapPos();
  widgets::vertical_gap(theme::kGap * 0.5f);
  // Gradients are shown as computed (per nat); with 6 significant digits so a vanishing one shows.
  signed_text(a, sizeof a, "%.6g", p.grad_logits[y]);
  signed_text(b, sizeof b, "%.3g", p.squared_error_grad[y]);
  if (p.probabilities[y] < kSureAndWrong && p.predicted != target) {
    char prob[32];
    widgets::format_probability(prob, sizeof prob, p.probabilities[y]);
    std::snprintf(line, sizeof line, text(Text::squared_sure_wrong), target, prob, a, b);
    widgets::colored_text(theme::kTarget, line);
  } else {
    std::snprintf(line, sizeof line, text(Text::squared_compare), a, b);
    widgets::paragraph(line);
  }
}

void TemperatureCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_temperature, fonts_);
  draw_temperature(inner);
  if (!draw_model_problem(state_)) {
    const Prediction& p = state_.pipeline()->prediction();
    if (!p.has_digit) {
      widgets::muted_text(text(Text::temperature_empty));
    } else {
      char prob[32], line[512];
      const auto predicted = static_cast<size_t>(p.predicted);
      widgets::format_probability(prob, sizeof prob, p.probabilities[predicted]);
      std::snprintf(line, sizeof line, text(Text::temperature_same_class), p.predicted, p.predicted, prob);
      widgets::colored_text(theme::kGood, line);
      widgets::vertical_gap(theme::kGap);
      widgets::rule(inner);
      widgets::vertical_gap(theme::kGap);
      draw_squared_error(p, inner);
    }
  }
}

}  // namespace celab::app
