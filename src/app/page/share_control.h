// "Copy link" in the page's header: the drawing, the target and the loss options as a link
// (app/core/state_link.h), and one line of news about links: copied, opened, or refused.
#pragma once

#include <optional>
#include <string>

#include "app/core/app_state.h"
#include "app/core/page_text.h"
#include "app/ui/rects.h"

namespace celab::app {

class ShareControl {
 public:
  // What copies a link's text (data::encode_shared_state) for the user: on the web, the page's
  // URL with it as fragment, into the clipboard and the address bar (web_share.cpp); on the
  // desktop, the text itself into the clipboard.
  using Copier = void (*)(const std::string& link_text);

  ShareControl(AppState& state, UiRects& rects);

  void set_copier(Copier copier) { copier_ = copier; }

  // The button at the cursor, and how wide it is.
  void draw_button();
  float button_width() const;
  // The news line, if there is news.
  void draw_news();

  // News for the line: a link was copied (or the clipboard refused it), a link was opened, or a
  // link could not be read (`why`) and was ignored.
  void link_copied(bool to_clipboard);
  void link_opened();
  void link_refused(const std::string& why);

  // The news line in the page's language ("" without news), and whether it reports a failure.
  std::string news() const;
  bool news_is_error() const { return news_ == Text::share_refused || news_ == Text::share_too_large; }

 private:
  AppState& state_;
  UiRects& rects_;
  Copier copier_;
  std::optional<Text> news_;  // a format with one %s for news_detail_ if it has one
  std::string news_detail_;
};

}  // namespace celab::app
