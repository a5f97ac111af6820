#include "app/cards/mistakes_card.h"

#include <string>

#include "app/core/mistake_table.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kDetailIndent = 28;                        // the details sit under the switch's label, not its box
constexpr ImU32 kCode = IM_COL32(0x9C, 0xD6, 0xFF, 0xFF);  // Python, as the code box shows it

void label(Text key) {
  ImGui::Spacing();
  widgets::muted_text(text(key));
}

}  // namespace

void MistakesCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_mistakes, fonts_);
  widgets::muted_text(text(Text::mistakes_intro));
  widgets::vertical_gap(8);
  for (const MistakeRow& row : kMistakeRows) {
    ImGui::PushID(static_cast<int>(row.mistake));
    bool on = lab_.mistake() == row.mistake;
    if (ImGui::Checkbox(text(row.title), &on)) lab_.set_mistake(row.mistake, on);
    rects_.record_last_item(std::string("mistake/") + nn::mistake_name(row.mistake));
    if (lab_.mistake() == row.mistake) draw_details(row.mistake, inner);
    ImGui::PopID();
  }
}

void MistakesCard::draw_details(nn::Mistake mistake, float width) {
  const nn::MistakeOutcome& outcome = *lab_.mistake_outcome();
  ImGui::Indent(kDetailIndent);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - kDetailIndent);
  label(Text::mistakes_wrong_line);
  widgets::colored_text(kCode, wrong_lines(mistake, lab_).c_str());
  ImGui::Spacing();
  widgets::colored_text(outcome.raised() ? theme::kError : theme::kTarget, pytorch_answer(outcome, language()).c_str());
  label(Text::mistakes_why);
  widgets::paragraph(mistake_story(mistake, lab_, outcome, language()).c_str());
  if (mistake == nn::Mistake::LabelsFromOne) {
    ImGui::Spacing();
    widgets::paragraph(text(kArticleNote));
  }
  label(Text::mistakes_fix);
  widgets::colored_text(theme::kGood, text(mistake_row(mistake).fix));
  ImGui::PopTextWrapPos();
  ImGui::Unindent(kDetailIndent);
  widgets::vertical_gap(8);
}

bool draw_mistaken_loss(LossLab& lab, float width, const Fonts& fonts, UiRects& rects) {
  if (!lab.mistake()) return false;
  const nn::Mistake mistake = *lab.mistake();
  const nn::MistakeOutcome& outcome = *lab.mistake_outcome();
  const char* title = text(mistake_row(mistake).title);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (outcome.raised()) {
    widgets::colored_textf(theme::kTarget, text(Text::mistakes_raised_banner), title);
    widgets::colored_text(kCode, wrong_lines(mistake, lab).c_str());
    widgets::colored_text(theme::kError, outcome.error.c_str());
  } else {
    widgets::colored_textf(theme::kTarget, text(Text::mistakes_on_banner), title);
    widgets::colored_text(kCode, wrong_lines(mistake, lab).c_str());
    const std::string value = loss_text(outcome.breakdown->library, outcome.breakdown->reduction);
    // The display font has digits and signs only: "nan" and 'none''s list take the heading font.
    const bool digits_only = value.find_first_not_of("0123456789.-") == std::string::npos;
    ImGui::PushFont(digits_only ? fonts.display : fonts.heading);
    widgets::colored_text(theme::kTarget, value.c_str());
    ImGui::PopFont();
  }
  const nn::LossBreakdown& right = lab.result();
  widgets::muted_textf(text(Text::mistakes_right_loss), lab.criterion().c_str(),
                       loss_text(right.library, right.reduction).c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button(text(Text::mistakes_switch_off))) lab.set_mistake(mistake, false);
  rects.record_last_item("mistake/off");
  return true;
}

}  // namespace celab::app
