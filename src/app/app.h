// The app: its state and its panels, drawn as one page that fills the window. Platform, renderer
// and main loop live elsewhere (main.cpp); this is what a frame shows.
#pragma once

#include "app/fonts.h"
#include "app/frame_input.h"
#include "app/loss_lab.h"
#include "app/loss_lab_panel.h"
#include "app/ui_rects.h"

namespace celab::app {

class App {
 public:
  App();

  // Rebuilds the fonts for a new device pixel ratio (see fonts.h).
  void rebuild_fonts(float pixel_ratio);

  // Draws one frame's UI between ImGui::NewFrame() and ImGui::Render().
  void draw(const FrameInput& input);

  LossLab& loss_lab() { return loss_lab_; }
  const UiRects& ui_rects() const { return ui_rects_; }

 private:
  void draw_header();

  Fonts fonts_;
  LossLab loss_lab_;
  UiRects ui_rects_;
  LossLabPanel loss_lab_panel_;
};

}  // namespace celab::app
