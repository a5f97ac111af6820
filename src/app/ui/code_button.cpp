#include "app/ui/code_button.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr int kMaxBoxLines = 22;  // longer programs (the batch's) scroll inside the box

void copy_with_imgui(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
  CodeButton::clipboard_answered(true);
}

CodeButton::Copier copier = copy_with_imgui;
// The answer to the last copy: none yet, copied, refused. One copy at a time, so one answer.
enum class Clipboard { Waiting, Copied, Refused };
Clipboard clipboard = Clipboard::Waiting;
const CodeButton* last_copy = nullptr;

}  // namespace

void CodeButton::set_copier(Copier c) { copier = c; }

void CodeButton::clipboard_answered(bool copied) { clipboard = copied ? Clipboard::Copied : Clipboard::Refused; }

float CodeButton::button_width() const {
  return ImGui::CalcTextSize(text(open_ ? Text::code_hide : Text::code_button)).x +
         2 * ImGui::GetStyle().FramePadding.x;
}

void CodeButton::draw_button() {
  char label[96];
  std::snprintf(label, sizeof label, "%s##code-%s", text(open_ ? Text::code_hide : Text::code_button),
                code_card_name(card_));
  const bool pressed = ImGui::Button(label);
  rects_.record_last_item(std::string("code/") + code_card_name(card_));
  if (!pressed) return;
  open_ = !open_;
  if (!open_) return;
  const CardProgram program = card_program(state_, card_, language());
  code_ = program.error.empty() ? program.code : program.error;
  if (program.error.empty()) {
    clipboard = Clipboard::Waiting;
    last_copy = this;
    copier(code_);
  }
}

void CodeButton::draw_button_at_right(float left, float width) {
  const float x = left + width - button_width();
  if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x <= x)
    widgets::same_line_at(x);
  draw_button();
}

void CodeButton::draw_box(float width) {
  if (!open_) return;
  const CardProgram program = card_program(state_, card_, language());  // follows the card while open
  if (program.error.empty()) {
    if (program.code != code_) code_ = program.code;
  } else {
    widgets::colored_text(theme::kError, program.error.c_str());
    return;
  }
  widgets::muted_text(text(Text::code_note));
  if (last_copy == this && clipboard != Clipboard::Waiting)
    widgets::colored_text(clipboard == Clipboard::Copied ? theme::kGood : theme::kError,
                          text(clipboard == Clipboard::Copied ? Text::code_copied : Text::code_not_copied));
  const int lines = static_cast<int>(std::count(code_.begin(), code_.end(), '\n')) + 1;
  const float height =
      std::min(lines, kMaxBoxLines) * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y;
  char id[48];
  std::snprintf(id, sizeof id, "##code-box-%s", code_card_name(card_));
  ImGui::InputTextMultiline(id, code_.data(), code_.size() + 1, ImVec2(width, height), ImGuiInputTextFlags_ReadOnly);
  rects_.record_last_item(std::string("code/") + code_card_name(card_) + "/box");
}

}  // namespace celab::app
