#include "app/cards/loss_lab_panel.h"

#include <algorithm>
#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/loss_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kTwoColumnMinWidth = 760;  // narrower: cards and computations stack
constexpr float kBarThickness = 10;
constexpr float kTargetButtonWidth = 40;
constexpr float kClassCountWidth = 110;

// Right-aligns `text` so that it ends at window-local x `right`, on the current line.
void right_aligned_text(float right, const char* text, ImU32 color) {
  widgets::same_line_at(right - ImGui::CalcTextSize(text).x);
  widgets::colored_text(color, text);
}

}  // namespace

void LossLabPanel::draw(float width, const Fonts& fonts) {
  if (width >= kTwoColumnMinWidth) {
    const float half = (width - theme::kGap) / 2;
    const float logits_height = draw_logits_card(half, top_row_height_, fonts);
    ImGui::SameLine(0, theme::kGap);
    const float probabilities_height = draw_probabilities_card(half, top_row_height_, fonts);
    top_row_height_ = std::max(logits_height, probabilities_height);
  } else {
    draw_logits_card(width, 0, fonts);
    widgets::vertical_gap(theme::kGap);
    draw_probabilities_card(width, 0, fonts);
  }
  widgets::vertical_gap(theme::kGap);
  draw_loss_card(width, fonts);
  widgets::vertical_gap(theme::kGap);
  draw_options_card(width, fonts);
}

float LossLabPanel::draw_logits_card(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  const float left = ImGui::GetCursorPosX();
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();

  widgets::card_title(text(Text::heading_logits), fonts);
  const float count_label_width = ImGui::CalcTextSize(text(Text::lab_classes)).x;
  widgets::same_line_at(left + inner - kClassCountWidth - style.ItemInnerSpacing.x - count_label_width);
  widgets::muted_text(text(Text::lab_classes));
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(kClassCountWidth);
  int count = lab_.num_classes();
  if (ImGui::InputInt("##classes", &count, 1, 1)) lab_.set_num_classes(count);
  rects_.record_last_item("classes");

  const float label_width = ImGui::CalcTextSize("x[0]").x + style.ItemSpacing.x;
  const double low = -LossLab::kLogitLimit;
  const double high = LossLab::kLogitLimit;
  for (int i = 0; i < lab_.num_classes(); ++i) {
    ImGui::PushID(i);
    char label[16];
    std::snprintf(label, sizeof label, "x[%d]", i);
    ImGui::AlignTextToFramePadding();
    widgets::colored_text(i == lab_.target() ? theme::kTarget : theme::kTextMuted, label);
    widgets::same_line_at(left + label_width);
    ImGui::SetNextItemWidth(inner - label_width);
    double value = lab_.logits()[static_cast<std::size_t>(i)];
    if (ImGui::SliderScalar("##logit", ImGuiDataType_Double, &value, &low, &high, "%.3f")) lab_.set_logit(i, value);
    ImGui::PopID();
  }

  ImGui::Spacing();
  if (ImGui::Button(text(Text::lab_article))) lab_.load_article_example();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  widgets::muted_text(text(Text::lab_drag));
  return widgets::end_card(min_height);
}

float LossLabPanel::draw_probabilities_card(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  const float left = ImGui::GetCursorPosX();
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();
  const nn::LossBreakdown& result = lab_.result();

  // Columns: class | bar | p | log p, numbers right-aligned under their headers on the title line.
  const float class_width = ImGui::CalcTextSize("0").x + style.ItemSpacing.x;
  const float log_p_right = left + inner;
  const float p_right = log_p_right - ImGui::CalcTextSize("\u221200.0000").x - style.ItemSpacing.x;
  const float bar_width = p_right - ImGui::CalcTextSize("0.0000").x - 2 * style.ItemSpacing.x - (left + class_width);

  widgets::card_title(text(Text::heading_softmax), fonts);
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
  return widgets::end_card(min_height);
}

void LossLabPanel::draw_target_selector() {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::lab_target));
  // Buttons stay on the label's line while they fit (ten classes on a phone wrap).
  for (int k = 0; k < lab_.num_classes(); ++k) {
    widgets::same_line_if_fits(kTargetButtonWidth, k == 0 ? 2 * style.ItemSpacing.x : style.ItemInnerSpacing.x);
    char label[24];
    std::snprintf(label, sizeof label, "%d##lab-target", k);
    if (widgets::toggle_button(label, k == lab_.target(), ImVec2(kTargetButtonWidth, 0))) lab_.set_target(k);
    std::snprintf(label, sizeof label, "lab-target/%d", k);
    rects_.record_last_item(label);
  }
}

void LossLabPanel::draw_options_card(float width, const Fonts& fonts) {
  widgets::begin_card(width);
  widgets::card_title(text(Text::heading_options), fonts);
  edited_options_ = lab_.options();  // reuses its buffer: no allocation per frame
  if (draw_loss_options(edited_options_, lab_.num_classes(), /*with_ignore_index=*/true, widgets::card_inner_width(),
                        rects_, "lab-"))
    lab_.set_options(edited_options_);
  widgets::end_card();
}

void LossLabPanel::draw_loss_card(float width, const Fonts& fonts) {
  widgets::begin_card(width);
  const float inner = widgets::card_inner_width();
  widgets::card_title(text(Text::heading_three_ways), fonts);
  draw_target_selector();
  widgets::vertical_gap(theme::kGap);

  draw_three_ways(lab_, inner, fonts);
  widgets::end_card();
}

}  // namespace celab::app
