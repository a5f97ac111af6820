// The app: its state and its panels, drawn as one page that fills the window. Platform, renderer,
// main loop and where the model comes from live elsewhere (platform/, web/main_web.cpp,
// web/web_bridge.cpp); this is what a frame shows and how input changes the state.
#pragma once

#include <cstdint>
#include <vector>

#include "app/core/app_state.h"
#include "app/page/language_control.h"
#include "app/page/page_layout.h"
#include "app/page/share_control.h"
#include "app/ui/card.h"
#include "app/ui/fonts.h"
#include "app/ui/frame_input.h"
#include "app/ui/rects.h"

namespace celab::app {

class App {
 public:
  explicit App(uint64_t seed);

  // Rebuilds the fonts for a device pixel ratio and the Chinese font if it is there (see fonts.h);
  // needed when either moved on (fonts_version()).
  void rebuild_fonts(float pixel_ratio);
  unsigned fonts_version() const { return language_control_.fonts_version(); }

  // One frame's UI between ImGui::NewFrame() and ImGui::Render(): `input` changes what it changes
  // (keys, the drawing), the state computes once (AppState::refresh), then the header and every card
  // draw what the state holds. Changes made by widgets show from the next frame on.
  void draw(const FrameInput& input);

  AppState& state() { return state_; }
  const AppState& state() const { return state_; }
  const UiRects& ui_rects() const { return ui_rects_; }
  ShareControl& share() { return share_control_; }
  LanguageControl& language() { return language_control_; }
  // The drawing area in window units (CSS pixels on the web), as drawn in the last frame.
  UiRect drawing_rect() const { return ui_rects_.last("drawing"); }

 private:
  void handle_keys(const FrameInput& input);
  void follow_touch_scroll(const FrameInput& input);
  void draw_header(float width);
  void draw_section(PageSection& section, float width);

  AppState state_;
  Fonts fonts_;
  UiRects ui_rects_;
  CardContext card_context_{state_, ui_rects_, fonts_};
  std::vector<PageSection> page_;  // every card, top to bottom (page_layout.h)
  ShareControl share_control_;
  LanguageControl language_control_;
  bool touch_scrolling_ = false;  // a finger that went down outside the drawing area
  float touch_last_y_ = 0;
  float pending_scroll_ = 0;
};

}  // namespace celab::app
