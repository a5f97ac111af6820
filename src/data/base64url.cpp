#include "data/base64url.h"

#include <array>

#include "data/file_bytes.h"

namespace celab::data {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<int8_t, 256> make_values() {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (int i = 0; i < 64; ++i) values[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  return values;
}
constexpr std::array<int8_t, 256> kValues = make_values();

}  // namespace

std::string encode_base64url(const std::vector<uint8_t>& bytes) {
  std::string text;
  text.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) text += kAlphabet[(v >> shift) & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    const uint32_t v = uint32_t(bytes[i]) << 16 | (rest == 2 ? uint32_t(bytes[i + 1]) << 8 : 0);
    text += kAlphabet[(v >> 18) & 63];
    text += kAlphabet[(v >> 12) & 63];
    if (rest == 2) text += kAlphabet[(v >> 6) & 63];
  }
  return text;
}

std::vector<uint8_t> decode_base64url(std::string_view text, const std::string& name) {
  if (text.size() % 4 == 1)
    throw DataError(name + ": " + std::to_string(text.size()) + " characters of base64url: no encoding is that long");
  std::vector<uint8_t> bytes;
  bytes.reserve(text.size() * 3 / 4);
  uint32_t bits = 0;
  int bit_count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<uint8_t>(text[i]);
    const int value = kValues[c];
    if (value < 0) {
      // Appended, not "'" + std::string(...): GCC 12 warns falsely about that form (-Wrestrict, its bug 105329).
      std::string shown;
      if (c >= 0x20 && c < 0x7f) {
        shown.append(1, '\'').append(1, static_cast<char>(c)).append(1, '\'');
      } else {
        shown = "byte " + std::to_string(c);
      }
      throw DataError(name + ": " + shown + " at position " + std::to_string(i) +
                      " is not base64url (A-Z a-z 0-9 - _)");
    }
    bits = (bits << 6 | static_cast<uint32_t>(value)) & 0xffffff;
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes.push_back(static_cast<uint8_t>(bits >> bit_count));
    }
  }
  return bytes;
}

}  // namespace celab::data
