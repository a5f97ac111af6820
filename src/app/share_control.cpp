#include "app/share_control.h"

#include <stdexcept>

#include "app/core/state_link.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "data/shared_state.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr const char* kButton = "Copy link";

void copy_to_clipboard(const std::string& link_text) { ImGui::SetClipboardText(link_text.c_str()); }

}  // namespace

ShareControl::ShareControl(AppState& state, UiRects& rects) : state_(state), rects_(rects), copier_(copy_to_clipboard) {}

void ShareControl::draw_button(float right) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize(kButton).x + 2 * style.FramePadding.x;
  ImGui::SameLine(right - width);
  if (ImGui::Button(kButton)) {
    try {
      copier_(data::encode_shared_state(shared_state_of(state_)));
    } catch (const std::invalid_argument& e) {  // a drawing no link can hold (more strokes than a link takes)
      news_ = std::string("This drawing does not fit in a link: ") + e.what();
      news_is_error_ = true;
    }
  }
  rects_.record_last_item("copy-link");
}

void ShareControl::draw_news() {
  if (news_.empty()) return;
  widgets::colored_text(news_is_error_ ? theme::kError : theme::kGood, news_.c_str());
}

void ShareControl::link_copied(bool to_clipboard) {
  news_ = to_clipboard ? "Link copied: the drawing, the target and the loss options."
                       : "The link is in the address bar (the clipboard was not available).";
  news_is_error_ = false;
}

void ShareControl::link_opened() {
  news_ = "Opened from a link: the drawing, the target and the loss options as they were shared.";
  news_is_error_ = false;
}

void ShareControl::link_refused(const std::string& why) {
  news_ = "This link's drawing could not be read, so it was ignored (" + why + ").";
  news_is_error_ = true;
}

}  // namespace celab::app
