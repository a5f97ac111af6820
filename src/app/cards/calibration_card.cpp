#include "app/cards/calibration_card.h"

#include <algorithm>
#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kDiagramMaxWidth = 520, kDiagramHeight = 240;
constexpr float kTextBesideMinWidth = 860;
constexpr float kAxisWidth = 40, kBottomHeight = 40;  // the counts and the axis' numbers under the bars
constexpr ImU32 kGapShade = IM_COL32(0xF2, 0x5C, 0x6E, 0x90);

}  // namespace

void draw_reliability_diagram(const nn::Calibration& calibration, ImVec2 size) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float x0 = origin.x + kAxisWidth, width = size.x - kAxisWidth - 8;
  const float top = origin.y + 6, height = size.y - kBottomHeight - 6;
  const auto sx = [&](double v) { return x0 + static_cast<float>(v) * width; };
  const auto sy = [&](double v) { return top + height * (1.0f - static_cast<float>(v)); };
  draw->AddRectFilled(ImVec2(x0, top), ImVec2(x0 + width, top + height), theme::kPictureGround, 4.0f);
  char label[32];
  for (const double v : {0.0, 0.5, 1.0}) {
    draw->AddLine(ImVec2(x0, sy(v)), ImVec2(x0 + width, sy(v)), theme::kBarTrack);
    std::snprintf(label, sizeof label, "%g", v);
    draw->AddText(ImVec2(origin.x + 4, sy(v) - 0.5f * ImGui::GetTextLineHeight()), theme::kTextMuted, label);
  }
  const float line = ImGui::GetTextLineHeight();
  ImFont* font = ImGui::GetFont();
  const float small = ImGui::GetFontSize() * 0.8f;
  for (const nn::ReliabilityBin& b : calibration.bins) {
    const float left = sx(b.lo) + 1, right = sx(b.hi) - 1;
    if (b.count > 0) {
      draw->AddRectFilled(ImVec2(left, sy(b.accuracy)), ImVec2(right, sy(0)), theme::kAccent);
      // The gap between what the bin got right and how sure it was.
      const double lo = std::min(b.accuracy, b.confidence), hi = std::max(b.accuracy, b.confidence);
      if (hi - lo > 1e-4) draw->AddRectFilled(ImVec2(left, sy(hi)), ImVec2(right, sy(lo)), kGapShade);
    }
    std::snprintf(label, sizeof label, "%lld", static_cast<long long>(b.count));
    const ImVec2 text_size = font->CalcTextSizeA(small, FLT_MAX, 0, label);
    draw->AddText(font, small, ImVec2(0.5f * (left + right) - 0.5f * text_size.x, top + height + 3),
                  b.count ? theme::kText : theme::kTextMuted, label);
  }
  // Perfect calibration: accuracy = confidence.
  draw->AddLine(ImVec2(sx(0), sy(0)), ImVec2(sx(1), sy(1)), theme::kTarget, 1.5f);
  const char* x_axis = text(Text::calibration_axis_confidence);
  for (const double v : {0.0, 1.0}) {
    std::snprintf(label, sizeof label, "%g", v);
    draw->AddText(ImVec2(v == 0 ? sx(v) : sx(v) - ImGui::CalcTextSize(label).x, top + height + 3 + line * 0.9f),
                  theme::kTextMuted, label);
  }
  draw->AddText(ImVec2(sx(0.5) - 0.5f * ImGui::CalcTextSize(x_axis).x, top + height + 3 + line * 0.9f),
                theme::kTextMuted, x_axis);
  draw->AddText(ImVec2(x0 + 6, top + 4), theme::kAccent, text(Text::calibration_axis_accuracy));
  ImGui::Dummy(size);
}

void CalibrationCard::draw_figures(const ConfidenceFigures& f, float inner) {
  const bool beside = inner >= kTextBesideMinWidth;
  const float diagram_width = std::min(inner, kDiagramMaxWidth);
  draw_reliability_diagram(f.calibration, ImVec2(diagram_width, kDiagramHeight));
  rects_.record_last_item("calibration/diagram");
  if (beside) {
    ImGui::SameLine(0, theme::kGap);
  } else {
    widgets::vertical_gap(theme::kGap * 0.5f);
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (beside ? inner - diagram_width - theme::kGap : inner));
  const LossUnits units = state_.units();
  char nll[48], line[512];
  widgets::colored_textf(theme::kTarget, text(Text::calibration_ece), 100 * f.calibration.ece);
  // The largest gap's bin: how many digits it rests on (one digit in a bin makes a gap of up to 100%).
  const auto& bins = f.calibration.bins;
  const auto widest = std::max_element(bins.begin(), bins.end(), [](const nn::ReliabilityBin& a, const nn::ReliabilityBin& b) {
    return (a.count > 0 ? a.gap() : -1.0) < (b.count > 0 ? b.gap() : -1.0);
  });
  widgets::colored_textf(theme::kTarget, text(Text::calibration_mce), 100 * f.calibration.mce,
                         static_cast<int>(widest->count));
  widgets::format_loss(nll, sizeof nll, f.calibration.nll, units, 4);
  widgets::colored_textf(theme::kAccent, text(Text::calibration_nll), nll);
  widgets::colored_textf(theme::kGood, text(Text::calibration_accuracy), 100 * f.calibration.accuracy);
  widgets::muted_text(text(Text::calibration_why));
  widgets::vertical_gap(theme::kGap * 0.5f);
  if (widgets::primary_button(text(Text::calibration_fit))) fit_shown_ = true;
  rects_.record_last_item("calibration/fit");
  if (fit_shown_) {
    ImGui::SameLine();
    if (ImGui::Button(text(Text::calibration_use))) state_.set_temperature(f.fit.temperature);
    rects_.record_last_item("calibration/use");
    char before[48], after[48];
    widgets::format_loss(before, sizeof before, f.fit.held_out_before.nll, units, 4);
    widgets::format_loss(after, sizeof after, f.fit.held_out_after.nll, units, 4);
    std::snprintf(line, sizeof line, text(Text::calibration_fit_result), f.fit.temperature,
                  100 * f.fit.held_out_before.ece, 100 * f.fit.held_out_after.ece, before, after);
    widgets::colored_text(theme::kAccent, line);
  }
  widgets::muted_text(text(Text::calibration_fit_note));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

const ConfidenceFigures* confidence_figures_or_why_not(const AppState& state) {
  if (state.test_digit_count() == 0) {
    widgets::muted_text(text(Text::calibration_no_digits));
    return nullptr;
  }
  if (!state.confidence().ready()) {
    widgets::muted_text(text(Text::calibration_computing));
    return nullptr;
  }
  return &state.confidence().figures();
}

void CalibrationCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_calibration, fonts_);
  widgets::muted_textf(text(Text::calibration_note), state_.test_digit_count());
  if (const ConfidenceFigures* figures = confidence_figures_or_why_not(state_)) {
    const ConfidenceFigures& f = *figures;
    widgets::muted_textf(
        text(state_.training().model() ? Text::calibration_model_training : Text::calibration_model_shipped),
        f.temperature);
    widgets::vertical_gap(theme::kGap * 0.5f);
    draw_figures(f, inner);
  }
}

}  // namespace celab::app
