#include "app/cards/lab_three_ways_card.h"

#include <cstdio>

#include "app/cards/mistakes_card.h"
#include "app/core/page_text.h"
#include "app/ui/loss_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

namespace {

constexpr float kTargetButtonWidth = 40;

// The lab's target buttons, recorded as "lab-target/<k>".
void draw_target_selector(LossLab& lab, UiRects& rects) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::lab_target));
  // Buttons stay on the label's line while they fit (ten classes on a phone wrap).
  for (int k = 0; k < lab.num_classes(); ++k) {
    widgets::same_line_if_fits(kTargetButtonWidth, k == 0 ? 2 * style.ItemSpacing.x : style.ItemInnerSpacing.x);
    char label[24];
    std::snprintf(label, sizeof label, "%d##lab-target", k);
    if (widgets::toggle_button(label, k == lab.target(), ImVec2(kTargetButtonWidth, 0))) lab.set_target(k);
    std::snprintf(label, sizeof label, "lab-target/%d", k);
    rects.record_last_item(label);
  }
}

}  // namespace

void LabThreeWaysCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_three_ways, fonts_);
  code_.draw_button_at_right(ImGui::GetCursorPosX(), inner);  // after the title: at the inner left edge
  code_.draw_box(inner);
  draw_target_selector(lab_, rects_);
  widgets::vertical_gap(theme::kGap);

  if (!draw_mistaken_loss(lab_, inner, fonts_, rects_)) draw_three_ways(lab_, inner, fonts_);
}

}  // namespace celab::app
