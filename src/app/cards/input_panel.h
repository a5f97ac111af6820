// "What the model sees": the 28 x 28 model input (the MNIST recipe applied to the drawing) and the
// saliency map −dL/dinput for the current target, both as textures, each pixel a crisp square.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "app/core/app_state.h"
#include "app/ui/gl_texture.h"

namespace celab::app {

struct Fonts;

class InputPanel {
 public:
  explicit InputPanel(const AppState& state) : state_(state) {}
  float draw(float width, float min_height, const Fonts& fonts);

 private:
  void upload();
  void draw_steps();
  void picture(const GlTexture& texture, float side, const char* title, const char* caption);

  const AppState& state_;
  std::unique_ptr<GlTexture> input_texture_, saliency_texture_;
  std::array<uint32_t, data::kInputPixels> rgba_{};
  uint64_t uploaded_updates_ = UINT64_MAX;
};

}  // namespace celab::app
