// libFuzzer target: the IDX reader (src/data/idx.h) on arbitrary bytes, read both as an images
// file and as a labels file (their magic numbers differ, so at most one of the two can succeed).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "data/file_bytes.h"
#include "data/idx.h"
#include "fuzz_check.h"

using celab::data::DataError;
using celab::fuzz::require;
using celab::fuzz::returns_or_throws;

namespace {

void check_images(const celab::data::IdxImages& images, size_t file_size) {
  require(images.count >= 1 && images.count <= celab::data::kIdxMaxItems, "image count out of range");
  require(images.rows >= 1 && images.rows <= celab::data::kIdxMaxImageSide, "rows out of range");
  require(images.cols >= 1 && images.cols <= celab::data::kIdxMaxImageSide, "columns out of range");
  require(images.pixels.size() == images.count * images.image_size(), "pixel count differs from the header");
  require(images.pixels.size() == file_size - 16, "pixels are not the bytes after the header");
  const auto last = images.image(images.count - 1);  // in bounds: ASan checks the read below
  require(last.size() == images.image_size() && last.back() == images.pixels.back(), "last image misplaced");
}

void check_labels(const std::vector<uint8_t>& labels, size_t file_size) {
  require(!labels.empty() && labels.size() == file_size - 8, "label count differs from the file");
  for (const uint8_t label : labels) require(label <= 9, "a label is not a digit");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  const std::string name = "fuzz.idx";
  celab::data::IdxImages images;
  if (returns_or_throws<DataError>([&] { images = celab::data::parse_idx_images(bytes, name); }, name))
    check_images(images, size);
  std::vector<uint8_t> labels;
  if (returns_or_throws<DataError>([&] { labels = celab::data::parse_idx_labels(bytes, name); }, name))
    check_labels(labels, size);
  return 0;
}
