// "The hardest digits": the confusion matrix of the page's test digits (row = label, column =
// prediction; click a cell) and, as thumbnails with label, prediction and loss, the digits of the
// chosen cell or else the digits of highest loss, highest first; clicking one puts it into the
// drawing area. Numbers: core/confidence_view.h.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/ui/card.h"
#include "app/ui/gl_texture.h"

namespace celab::app {

// Records "hardest/cell/<label>/<predicted>", "hardest/digit/<k>" (k-th listed) and "hardest/all".
class HardestCard : public Card {
 public:
  static constexpr int kListed = 12;  // thumbnails shown at most

  using Card::Card;
  const char* id() const override { return "hardest"; }

 private:
  void content() override;
  void draw_matrix(const ConfidenceFigures& f, float side);
  void draw_list(const std::vector<int64_t>& listed, float width);
  void upload(const std::vector<int64_t>& listed);

  int cell_label_ = -1, cell_predicted_ = -1;  // the chosen cell; -1: none, the hardest digits are listed
  std::unique_ptr<GlTexture> atlas_;           // the listed digits, side by side
  std::vector<uint32_t> rgba_;
  std::vector<int64_t> uploaded_;
};

}  // namespace celab::app
