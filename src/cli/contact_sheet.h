// A contact sheet of MNIST digits as one PNG (`celab eval --worst N --png FILE`): each tile is the
// 28x28 image as it is (white ink on black), and under it the label (white, left) and the model's
// prediction (green when right, red when wrong, right) as small pixel digits; tiles in rows of 10,
// in the order given.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "data/idx.h"

namespace celab::cli {

struct SheetTile {
  size_t index = 0;  // the image in the split
  int label = 0, predicted = 0;
};

inline constexpr int kSheetColumns = 10;
inline constexpr int kTileWidth = 32, kTileHeight = 46;  // 28x28 image, 2 px margin, a 14 px strip of text

// Throws std::runtime_error naming the path when the PNG cannot be written, and for a tile whose
// index is outside the split or whose label or prediction is not one digit.
void write_contact_sheet(const std::string& path, const data::MnistSplit& split, std::span<const SheetTile> tiles);

}  // namespace celab::cli
