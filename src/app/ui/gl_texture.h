// An RGBA image as an OpenGL texture that Dear ImGui can draw (ImGui::Image): the drawing canvas,
// the 28 x 28 model input and the saliency map. Upload when the picture changes, not every frame.
// The texture keeps the pixels it was given, so it can make itself again in a new context after
// the old one was lost (gl_context_epoch.h).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

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
  // The texture for ImGui::Image; made again first if the context was replaced since.
  ImTextureID id() const;

 private:
  void make_in_current_context() const;
  void write_pixels() const;

  // The GL object is a copy of pixels_ in the context of epoch_: remade on demand, hence mutable.
  mutable unsigned int texture_ = 0;
  mutable unsigned epoch_ = 0;
  int width_, height_;
  bool smooth_;
  std::vector<uint32_t> pixels_;
};

}  // namespace celab::app
