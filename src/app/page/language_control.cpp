#include "app/page/language_control.h"

#include <cstdio>
#include <utility>

#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr Text kButtons[] = {Text::header_english, Text::header_chinese};
constexpr Language kLanguages[] = {Language::English, Language::Chinese};
constexpr const char* kNames[] = {"language/en", "language/zh"};

}  // namespace

float LanguageControl::width() const {
  const ImGuiStyle& style = ImGui::GetStyle();
  float total = style.ItemSpacing.x;
  for (const Text button : kButtons) total += ImGui::CalcTextSize(text(button)).x + 2 * style.FramePadding.x;
  return total;
}

void LanguageControl::draw() {
  for (int i = 0; i < 2; ++i) {
    if (i > 0) ImGui::SameLine();
    const bool current = language() == kLanguages[i];
    // The page's language is a pressed-looking button; the other one switches.
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(text(kButtons[i]))) choose(kLanguages[i]);
    if (current) ImGui::PopStyleColor();
    rects_.record_last_item(kNames[i]);
  }
}

void LanguageControl::draw_news() {
  if (waiting_for_font_) {
    widgets::muted_text(text(Text::header_loading_chinese));
  } else if (!font_failure_.empty()) {
    widgets::colored_textf(theme::kError, text(Text::header_font_failed), font_failure_.c_str());
  }
}

void LanguageControl::choose(Language language) {
  if (language == Language::English || !chinese_font_.empty()) {
    set_language(language);
    waiting_for_font_ = false;
    return;
  }
  if (waiting_for_font_ || !font_request_) return;
  waiting_for_font_ = true;
  font_failure_.clear();
  font_request_();
}

void LanguageControl::chinese_font_arrived(std::vector<uint8_t> font) {
  chinese_font_ = std::move(font);
  ++fonts_version_;
  if (waiting_for_font_) set_language(Language::Chinese);
  waiting_for_font_ = false;
}

void LanguageControl::chinese_font_failed(const std::string& why) {
  waiting_for_font_ = false;
  font_failure_ = why;
}

}  // namespace celab::app
