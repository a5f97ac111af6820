// The batch card: N MNIST training digits as thumbnails with, under each, its label (a button:
// click it to set the label to ignore_index, -100), the predicted class and its loss with
// reduction='none', green when right and red when wrong; the labels as PyTorch prints them,
// tensor([5, 0, 4, ...]); the sum and the mean with their formula and numbers. Clicking a thumbnail
// puts the digit into the drawing area. State and numbers: core/batch_view.h (nn::loss_breakdown).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/ui/card.h"
#include "app/ui/gl_texture.h"

namespace celab::app {

// Records "batch/open", "batch/size", "batch/new", "batch/worst-first", "batch/retry", and per
// sample in batch order "batch/thumb/<i>" and "batch/label/<i>".
class BatchCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "batch"; }

 private:
  void content() override;
  void upload();
  void draw_reductions(float width);
  void draw_grid(float width);
  void draw_sample(int row, float side, float cell);  // a thumbnail `side` wide in a cell `cell` wide

  std::unique_ptr<GlTexture> atlas_;  // every thumbnail of the batch, kAtlasColumns to a row
  std::vector<uint32_t> rgba_;
  uint64_t uploaded_batch_ = UINT64_MAX;
  bool worst_first_ = false;
};

}  // namespace celab::app
