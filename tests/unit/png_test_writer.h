// A minimal PNG encoder for tests (8-bit, no compression: "stored" deflate blocks), so picture
// decoding can be tested on files made here rather than binary fixtures.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace celab::data::testing {

inline uint32_t png_crc(const uint8_t* data, size_t n, uint32_t crc = 0xFFFFFFFFu) {
  for (size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc;
}

inline void png_put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

inline void png_chunk(std::vector<uint8_t>& out, const char* type, const std::vector<uint8_t>& data) {
  png_put32(out, static_cast<uint32_t>(data.size()));
  const size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  png_put32(out, png_crc(&out[start], out.size() - start) ^ 0xFFFFFFFFu);
}

// `pixels`: height rows of width * channels bytes; channels 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
inline std::vector<uint8_t> encode_png(int width, int height, int channels, const std::vector<uint8_t>& pixels) {
  static const uint8_t colour_type[] = {0, 0, 4, 2, 6};
  std::vector<uint8_t> raw;  // each row: filter type 0, then the bytes
  const size_t row_bytes = static_cast<size_t>(width) * static_cast<size_t>(channels);
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), pixels.begin() + y * row_bytes, pixels.begin() + (y + 1) * row_bytes);
  }
  std::vector<uint8_t> z = {0x78, 0x01};
  for (size_t pos = 0; pos < raw.size(); pos += 65535) {  // raw is never empty: a filter byte per row
    const size_t n = std::min<size_t>(65535, raw.size() - pos);
    z.push_back(pos + n >= raw.size() ? 1 : 0);
    z.insert(z.end(), {static_cast<uint8_t>(n), static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(~n),
                       static_cast<uint8_t>(~n >> 8)});
    z.insert(z.end(), raw.begin() + pos, raw.begin() + pos + n);
  }
  uint32_t a = 1, b = 0;
  for (uint8_t v : raw) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  png_put32(z, b << 16 | a);

  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> header;
  png_put32(header, static_cast<uint32_t>(width));
  png_put32(header, static_cast<uint32_t>(height));
  header.insert(header.end(), {8, colour_type[channels], 0, 0, 0});
  png_chunk(png, "IHDR", header);
  png_chunk(png, "IDAT", z);
  png_chunk(png, "IEND", {});
  return png;
}

}  // namespace celab::data::testing
