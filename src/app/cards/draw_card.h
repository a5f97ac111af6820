// "Draw a digit": the drawing area (the pad's 280 x 280 canvas shown as a texture, painted by the
// CLI's brush), the brush size, clear, undo, and the MNIST browser's "Random test digit".
// Pointer events inside the area draw; the area maps window units to canvas pixels, so strokes
// drawn into it scaled from a 280 x 280 file land on the same canvas pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/ui/card.h"
#include "app/ui/gl_texture.h"

namespace celab::app {

// Records "drawing" (the area), "clear", "undo", "random-digit" and "brush".
class DrawCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "draw"; }
  // Strokes: pointer events inside the area as it was drawn last frame (where the user saw it).
  void apply_input(const FrameInput& input) override;

 private:
  void content() override;
  void draw_area(float side);
  void draw_tools(float inner);
  data::Point to_canvas(float x, float y) const;
  void upload_canvas();

  UiRect area_;  // where the drawing area was drawn last, in window units; width 0 before the first frame
  std::unique_ptr<GlTexture> texture_;  // created on first use: needs the GL context
  std::vector<uint32_t> rgba_;
  uint64_t uploaded_version_ = UINT64_MAX;
};

}  // namespace celab::app
