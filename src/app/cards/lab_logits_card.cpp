#include "app/cards/lab_logits_card.h"

#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

namespace {

constexpr float kClassCountWidth = 110;

}  // namespace

void LabLogitsCard::content() {
  const float left = ImGui::GetCursorPosX();
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();

  widgets::card_title(Text::heading_logits, fonts_);
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
}

}  // namespace celab::app
