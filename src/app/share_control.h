// "Copy link" in the page's header: the drawing, the target and the loss options as a link
// (app/core/state_link.h), and one line of news about links: copied, opened, or refused.
#pragma once

#include <string>

#include "app/core/app_state.h"
#include "app/ui_rects.h"

namespace celab::app {

class ShareControl {
 public:
  // What copies a link's text (data::encode_shared_state) for the user: on the web, the page's
  // URL with it as fragment, into the clipboard and the address bar (web_share.cpp); on the
  // desktop, the text itself into the clipboard.
  using Copier = void (*)(const std::string& link_text);

  ShareControl(AppState& state, UiRects& rects);

  void set_copier(Copier copier) { copier_ = copier; }

  // The button, right-aligned on the current line, which ends `right` from the left edge of the
  // current group (ImGui::SameLine's offset).
  void draw_button(float right);
  // The news line, if there is news.
  void draw_news();

  // News for the line: a link was copied (or the clipboard refused it), a link was opened, or a
  // link could not be read (`why`) and was ignored.
  void link_copied(bool to_clipboard);
  void link_opened();
  void link_refused(const std::string& why);

  const std::string& news() const { return news_; }
  bool news_is_error() const { return news_is_error_; }

 private:
  AppState& state_;
  UiRects& rects_;
  Copier copier_;
  std::string news_;
  bool news_is_error_ = false;
};

}  // namespace celab::app
