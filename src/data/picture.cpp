#include "data/picture.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "data/file_bytes.h"
#include "nn/error_text.h"

// stb_image, compiled here only (Debian's libstb-dev header, not vendored): PNG only, from memory,
// with internal linkage so no other stb_image copy in the program can clash with it.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#include <stb_image.h>

namespace celab::data {
namespace {

// Deflate, PNG's compression, expands data at most 1032-fold.
constexpr uint64_t kDeflateMaxRatio = 1032;

uint32_t read_big_endian_u32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// Walks the chunk list (length, type, data, CRC) up to IEND: no chunk may claim more bytes than the
// file has left. stb_image trusts an IDAT's length and doubles its buffer until it fits, so one
// 135-byte file claiming a 2.5 GB chunk made it allocate 2 GB (found by fuzz_png).
void check_png_chunks(std::span<const uint8_t> bytes, const std::string& name) {
  constexpr size_t kSignatureSize = 8, kHeaderSize = 8, kCrcSize = 4;  // header: length, type
  size_t offset = kSignatureSize;
  // A file that ends inside a chunk header is stb_image's to report ("outofdata").
  while (offset + kHeaderSize <= bytes.size()) {
    const uint64_t length = read_big_endian_u32(bytes.data() + offset);
    const std::string type = nn::printable_text(std::string(bytes.begin() + offset + 4, bytes.begin() + offset + 8));
    const uint64_t after_header = bytes.size() - offset - kHeaderSize;
    if (length + kCrcSize > after_header)
      throw DataError(name + ": PNG chunk '" + type + "' at byte offset " + std::to_string(offset) + " claims " +
                      std::to_string(length) + " bytes of data and a 4-byte CRC, but only " +
                      std::to_string(after_header) + " bytes follow its header");
    if (type == "IEND") return;
    offset += kHeaderSize + length + kCrcSize;
  }
}

}  // namespace

Image decode_png_luminance(std::span<const uint8_t> bytes, const std::string& name) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) throw DataError(name + ": file too large for a PNG picture");
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels))
    throw DataError(name + ": not a readable PNG image (" + nn::printable_text(stbi_failure_reason()) + ")");
  check_png_chunks(bytes, name);
  if (width < 1 || height < 1 || width > kMaxPictureSide || height > kMaxPictureSide)
    throw DataError(name + ": picture is " + std::to_string(width) + " x " + std::to_string(height) +
                    " pixels, expected 1.." + std::to_string(kMaxPictureSide) + " on each side");
  // Each row holds at least a filter byte and one bit per pixel. A file too small for the pixels it
  // claims is rejected here, before stb_image allocates them all (up to 512 MB for 8192 x 8192).
  const uint64_t least_pixel_bytes = uint64_t(height) * (1 + (uint64_t(width) + 7) / 8);
  if (least_pixel_bytes > kDeflateMaxRatio * bytes.size())
    throw DataError(name + ": truncated: a " + std::to_string(width) + " x " + std::to_string(height) +
                    " PNG has at least " + std::to_string(least_pixel_bytes) +
                    " bytes of pixel data, more than a file of " + std::to_string(bytes.size()) + " bytes can hold");
  // Grey + alpha, 16 bits per channel so 16-bit files keep their precision.
  std::unique_ptr<stbi_us, void (*)(void*)> pixels(
      stbi_load_16_from_memory(data, length, &width, &height, &channels, 2), &stbi_image_free);
  if (!pixels) throw DataError(name + ": cannot decode PNG (" + nn::printable_text(stbi_failure_reason()) + ")");
  Image image(width, height);
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    const float grey = pixels.get()[2 * i] / 65535.0f, alpha = pixels.get()[2 * i + 1] / 65535.0f;
    image.pixels[i] = grey * alpha + (1.0f - alpha);  // over white paper
  }
  return image;
}

Image ink_from_luminance(const Image& luminance) {
  const int w = luminance.width, h = luminance.height;
  std::vector<float> border;
  for (int x = 0; x < w; ++x) border.insert(border.end(), {luminance.at(x, 0), luminance.at(x, h - 1)});
  for (int y = 1; y + 1 < h; ++y) border.insert(border.end(), {luminance.at(0, y), luminance.at(w - 1, y)});
  std::nth_element(border.begin(), border.begin() + border.size() / 2, border.end());
  const float background_luminance = border[border.size() / 2];
  const bool invert = background_luminance > 0.5f;
  const auto raw_ink = [invert](float v) { return invert ? 1.0f - v : v; };

  Image ink(w, h);
  const float background = raw_ink(background_luminance);
  float peak = background;
  for (float v : luminance.pixels) peak = std::max(peak, raw_ink(v));
  const float range = peak - background;
  if (range <= 0.0f) return ink;  // uniform picture: no ink
  for (size_t i = 0; i < ink.pixels.size(); ++i) {
    const float v = (raw_ink(luminance.pixels[i]) - background) / range;
    ink.pixels[i] = v < kPictureNoiseFloor ? 0.0f : std::min(v, 1.0f);
  }
  return ink;
}

Image read_png_ink(const std::string& path) {
  return ink_from_luminance(decode_png_luminance(read_file_bytes(path, uint64_t{1} << 28), path));
}

}  // namespace celab::data
