#include "app/cards/lab_softmax_card.h"

#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

namespace {

constexpr float kBarThickness = 10;

// Right-aligns `text` so that it ends at window-local x `right`, on the current line.
void right_aligned_text(float right, const char* text, ImU32 color) {
  widgets::same_line_at(right - ImGui::CalcTextSize(text).x);
  widgets::colored_text(color, text);
}

}  // namespace

void LabSoftmaxCard::content() {
  const float left = ImGui::GetCursorPosX();
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();
  const nn::LossBreakdown& result = lab_.result();

  // Columns: class | bar | p | log p, numbers right-aligned under their headers on the title line.
  const float class_width = ImGui::CalcTextSize("0").x + style.ItemSpacing.x;
  const float log_p_right = left + inner;
  const float p_right = log_p_right - ImGui::CalcTextSize("\u221200.0000").x - style.ItemSpacing.x;
  const float bar_width = p_right - ImGui::CalcTextSize("0.0000").x - 2 * style.ItemSpacing.x - (left + class_width);

  widgets::card_title(Text::heading_softmax, fonts_);
  right_aligned_text(p_right, "p", theme::kTextMuted);
  right_aligned_text(log_p_right, "log p", theme::kTextMuted);

  char cell[32];
  for (int i = 0; i < lab_.num_classes(); ++i) {
    const bool is_target = i == lab_.target();
    ImGui::AlignTextToFramePadding();
    std::snprintf(cell, sizeof cell, "%d", i);
    widgets::colored_text(is_target ? theme::kTarget : theme::kTextMuted, cell);
    widgets::same_line_at(left + class_width);
    widgets::bar(static_cast<float>(result.probabilities(0, i)), ImVec2(bar_width, ImGui::GetFrameHeight()),
                 kBarThickness, is_target ? theme::kTarget : theme::kBar);
    widgets::format_number(cell, sizeof cell, result.probabilities(0, i), 4);
    right_aligned_text(p_right, cell, is_target ? theme::kTarget : theme::kText);
    widgets::format_number(cell, sizeof cell, result.log_probabilities(0, i), 4);
    right_aligned_text(log_p_right, cell, theme::kTextMuted);
  }

  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  widgets::muted_text(text(Text::lab_softmax_note));
}

}  // namespace celab::app
