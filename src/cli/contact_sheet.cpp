#include "cli/contact_sheet.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

// stb_image_write, compiled here only (Debian's libstb-dev header, not vendored), with internal linkage.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>

namespace celab::cli {
namespace {

// Digits 0-9 in a 3x5 pixel font: five rows of three bits each, top row first, high bit left.
constexpr std::array<std::array<uint8_t, 5>, 10> kGlyphs{{
    {7, 5, 5, 5, 7},  // 0
    {2, 6, 2, 2, 7},  // 1
    {7, 1, 7, 4, 7},  // 2
    {7, 1, 7, 1, 7},  // 3
    {5, 5, 7, 1, 1},  // 4
    {7, 4, 7, 1, 7},  // 5
    {7, 4, 7, 5, 7},  // 6
    {7, 1, 1, 1, 1},  // 7
    {7, 5, 7, 5, 7},  // 8
    {7, 5, 7, 1, 7},  // 9
}};
constexpr int kGlyphScale = 2;  // 6x10 on the sheet
using Rgb = std::array<uint8_t, 3>;

struct Sheet {
  int width, height;
  std::vector<uint8_t> rgb;
  void put(int x, int y, Rgb c) {
    for (int k = 0; k < 3; ++k)
      rgb[(static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3 + static_cast<size_t>(k)] =
          c[static_cast<size_t>(k)];
  }
  void digit(int x0, int y0, int d, Rgb c) {
    for (int row = 0; row < 5; ++row)
      for (int col = 0; col < 3; ++col)
        if (kGlyphs[static_cast<size_t>(d)][static_cast<size_t>(row)] & (4 >> col))
          for (int dy = 0; dy < kGlyphScale; ++dy)
            for (int dx = 0; dx < kGlyphScale; ++dx) put(x0 + col * kGlyphScale + dx, y0 + row * kGlyphScale + dy, c);
  }
};

}  // namespace

void write_contact_sheet(const std::string& path, const data::MnistSplit& split, std::span<const SheetTile> tiles) {
  if (tiles.empty()) throw std::runtime_error(path + ": a contact sheet needs at least one image");
  const int count = static_cast<int>(tiles.size());
  const int columns = std::min(count, kSheetColumns);
  Sheet sheet{columns * kTileWidth, (count + kSheetColumns - 1) / kSheetColumns * kTileHeight, {}};
  sheet.rgb.assign(static_cast<size_t>(sheet.width) * static_cast<size_t>(sheet.height) * 3, 40);  // dark grey
  const int side = static_cast<int>(data::kMnistSide);
  for (int t = 0; t < count; ++t) {
    const SheetTile& tile = tiles[static_cast<size_t>(t)];
    if (tile.index >= split.size())
      throw std::runtime_error(path + ": image " + std::to_string(tile.index) + " is outside the " +
                               std::to_string(split.size()) + " images");
    if (tile.label < 0 || tile.label > 9 || tile.predicted < 0 || tile.predicted > 9)
      throw std::runtime_error(path + ": tile " + std::to_string(t) + " has label " + std::to_string(tile.label) +
                               " and prediction " + std::to_string(tile.predicted) + ", not digits 0-9");
    const int x0 = t % kSheetColumns * kTileWidth, y0 = t / kSheetColumns * kTileHeight;
    const std::span<const uint8_t> pixels = split.images.image(tile.index);
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side; ++x) {
        const uint8_t v = pixels[static_cast<size_t>(y * side + x)];
        sheet.put(x0 + 2 + x, y0 + 2 + y, {v, v, v});
      }
    const bool right = tile.label == tile.predicted;
    sheet.digit(x0 + 4, y0 + 2 + side + 3, tile.label, {255, 255, 255});
    sheet.digit(x0 + kTileWidth - 4 - 3 * kGlyphScale, y0 + 2 + side + 3, tile.predicted,
                right ? Rgb{80, 220, 80} : Rgb{255, 70, 70});
  }
  if (!stbi_write_png(path.c_str(), sheet.width, sheet.height, 3, sheet.rgb.data(), sheet.width * 3))
    throw std::runtime_error(path + ": cannot write the PNG file");
}

}  // namespace celab::cli
