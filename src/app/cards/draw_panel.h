// "Draw a digit": the drawing area (the pad's 280 x 280 canvas shown as a texture, painted by the
// CLI's brush), the brush size, clear, undo, and the MNIST browser's "Random test digit".
// Pointer events inside the area draw; the area maps window units to canvas pixels, so strokes
// drawn into it scaled from a 280 x 280 file land on the same canvas pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/core/app_state.h"
#include "app/ui/frame_input.h"
#include "app/ui/gl_texture.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class DrawPanel {
 public:
  // Records "drawing" (the area), "clear", "undo", "random-digit" and "brush" in `rects`.
  DrawPanel(AppState& state, UiRects& rects) : state_(state), rects_(rects) {}

  // Draws the card `width` wide (at least `min_height` tall), applies this frame's pointer events
  // and refreshes the state; returns the height its content needed.
  float draw(const FrameInput& input, float width, float min_height, const Fonts& fonts);

  // Where the drawing area was drawn last, in window units; width 0 before the first frame.
  const UiRect& drawing_rect() const { return area_; }

 private:
  void draw_area(float side);
  void draw_tools(float inner);
  void apply_pointer_events(const FrameInput& input);
  data::Point to_canvas(float x, float y) const;
  void upload_canvas();

  AppState& state_;
  UiRects& rects_;
  UiRect area_;
  std::unique_ptr<GlTexture> texture_;  // created on first use: needs the GL context
  std::vector<uint32_t> rgba_;
  uint64_t uploaded_version_ = UINT64_MAX;
};

}  // namespace celab::app
