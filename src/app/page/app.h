// The app: its state and its panels, drawn as one page that fills the window. Platform, renderer,
// main loop and where the model comes from live elsewhere (platform/, web/main_web.cpp,
// web/web_bridge.cpp); this is what a frame shows and how input changes the state.
#pragma once

#include <array>
#include <cstdint>

#include "app/cards/batch_panel.h"
#include "app/cards/draw_panel.h"
#include "app/cards/input_panel.h"
#include "app/cards/learn_panel.h"
#include "app/cards/loss_lab_panel.h"
#include "app/cards/loss_panel.h"
#include "app/cards/prediction_panel.h"
#include "app/cards/training_panel.h"
#include "app/core/app_state.h"
#include "app/page/language_control.h"
#include "app/page/share_control.h"
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

  // Draws one frame's UI between ImGui::NewFrame() and ImGui::Render(), applying `input` first.
  void draw(const FrameInput& input);

  AppState& state() { return state_; }
  const AppState& state() const { return state_; }
  const UiRects& ui_rects() const { return ui_rects_; }
  ShareControl& share() { return share_control_; }
  LanguageControl& language() { return language_control_; }
  // The drawing area in window units (CSS pixels on the web), as drawn in the last frame.
  const UiRect& drawing_rect() const { return draw_panel_.drawing_rect(); }

 private:
  void handle_keys(const FrameInput& input);
  void follow_touch_scroll(const FrameInput& input);
  void draw_header(float width);
  void draw_digit_section(const FrameInput& input, float width);
  void draw_section_title(const char* title, const char* text);  // a section's title and its line
  void draw_training_section(float width);
  void draw_loss_lab_section(float width);

  AppState state_;
  Fonts fonts_;
  UiRects ui_rects_;
  DrawPanel draw_panel_;
  InputPanel input_panel_;
  PredictionPanel prediction_panel_;
  LossPanel loss_panel_;
  LearnPanel learn_panel_;
  OptionsPanel options_panel_;
  LossLabPanel loss_lab_panel_;
  TrainingPanel training_panel_;
  BatchPanel batch_panel_;
  ShareControl share_control_;
  LanguageControl language_control_;
  std::array<float, 2> row_heights_{};  // per row of cards side by side, from the last frame
  bool touch_scrolling_ = false;        // a finger that went down outside the drawing area
  float touch_last_y_ = 0;
  float pending_scroll_ = 0;
};

}  // namespace celab::app
