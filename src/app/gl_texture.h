// An RGBA image as an OpenGL texture that Dear ImGui can draw (ImGui::Image): the drawing canvas,
// the 28 x 28 model input and the saliency map. Upload when the picture changes, not every frame.
#pragma once

#include <cstdint>
#include <span>

#include "imgui.h"

namespace celab::app {

class GlTexture {
 public:
  // Needs a current OpenGL context. `smooth`: linear filtering (for a picture shown larger than its
  // pixels that should look smooth); otherwise each pixel is a crisp square.
  GlTexture(int width, int height, bool smooth);
  ~GlTexture();
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;

  // `rgba`: width * height pixels, row by row from the top, IM_COL32 byte order (R first in memory).
  void upload(std::span<const uint32_t> rgba);
  ImTextureID id() const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  unsigned int texture_ = 0;
  int width_, height_;
};

}  // namespace celab::app
