// "What the model sees": the 28 x 28 model input (the MNIST recipe applied to the drawing) and the
// saliency map −dL/dinput for the current target, both as textures, each pixel a crisp square.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "app/ui/card.h"
#include "app/ui/gl_texture.h"

namespace celab::app {

class InputCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "input"; }

 private:
  void content() override;
  void upload();
  void draw_steps();
  void picture(const GlTexture& texture, float side, const char* title, const char* caption);

  std::unique_ptr<GlTexture> input_texture_, saliency_texture_;
  std::array<uint32_t, data::kInputPixels> rgba_{};
  uint64_t uploaded_updates_ = UINT64_MAX;
};

}  // namespace celab::app
