// libFuzzer target: the PNG path of `celab predict IMAGE.png` (src/data/picture.h) on arbitrary
// bytes: stb_image's decoder behind decode_png_luminance, then ink_from_luminance and the MNIST
// recipe (src/data/preprocess.h).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "data/file_bytes.h"
#include "data/picture.h"
#include "data/preprocess.h"
#include "fuzz_check.h"

using celab::data::DataError;
using celab::data::Image;
using celab::fuzz::require;
using celab::fuzz::returns_or_throws;

namespace {

void require_unit_values(const Image& image) {
  require(image.pixels.size() == size_t(image.width) * size_t(image.height), "wrong pixel count");
  for (const float v : image.pixels) require(std::isfinite(v) && v >= 0 && v <= 1, "pixel value outside [0, 1]");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string name = "fuzz.png";
  Image luminance;
  if (!returns_or_throws<DataError>(
          [&] { luminance = celab::data::decode_png_luminance(std::span<const uint8_t>(data, size), name); }, name))
    return 0;
  require(luminance.width >= 1 && luminance.width <= celab::data::kMaxPictureSide && luminance.height >= 1 &&
              luminance.height <= celab::data::kMaxPictureSide,
          "picture size out of range");
  require_unit_values(luminance);
  const Image ink = celab::data::ink_from_luminance(luminance);
  require(ink.width == luminance.width && ink.height == luminance.height, "ink image has another size");
  require_unit_values(ink);
  if (const auto input = celab::data::preprocess_canvas(ink))
    for (const float v : *input) require(std::isfinite(v) && v >= 0 && v <= 1, "model input value outside [0, 1]");
  return 0;
}
