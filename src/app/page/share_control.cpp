#include "app/page/share_control.h"

#include <cstdio>
#include <stdexcept>

#include "app/core/state_link.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "data/shared_state.h"
#include "imgui.h"

namespace celab::app {
namespace {

void copy_to_clipboard(const std::string& link_text) { ImGui::SetClipboardText(link_text.c_str()); }

}  // namespace

ShareControl::ShareControl(AppState& state, UiRects& rects)
    : state_(state), rects_(rects), copier_(copy_to_clipboard) {}

float ShareControl::button_width() const {
  return ImGui::CalcTextSize(text(Text::header_copy_link)).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void ShareControl::draw_button() {
  if (ImGui::Button(text(Text::header_copy_link))) {
    try {
      copier_(data::encode_shared_state(shared_state_of(state_)));
    } catch (const std::invalid_argument& e) {  // a drawing no link can hold (more strokes than a link takes)
      news_ = Text::share_too_large;
      news_detail_ = e.what();
    }
  }
  rects_.record_last_item("copy-link");
}

std::string ShareControl::news() const {
  if (!news_) return {};
  char line[1024];
  std::snprintf(line, sizeof line, text(*news_), news_detail_.c_str());
  return line;
}

void ShareControl::draw_news() {
  if (!news_) return;
  widgets::colored_text(news_is_error() ? theme::kError : theme::kGood, news().c_str());
}

void ShareControl::link_copied(bool to_clipboard) {
  news_ = to_clipboard ? Text::share_copied : Text::share_in_address_bar;
  news_detail_.clear();
}

void ShareControl::link_opened() {
  news_ = Text::share_opened;
  news_detail_.clear();
}

void ShareControl::link_refused(const std::string& why) {
  news_ = Text::share_refused;
  news_detail_ = why;
}

}  // namespace celab::app
