// The page's text table (src/app/text/page_text.json): both languages filled, the same printf
// conversions in both, and no tofu: every character is drawn by the Latin font or by the cut-down
// Chinese fonts (build/*/generated/zh-font.otf for the Chinese column, language-switch.otf for
// the English column's "中文").
#include <gtest/gtest.h>

#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

#include <cstdint>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/core/page_text.h"
#include "data/file_bytes.h"

namespace celab::app {
namespace {

std::vector<Text> all_keys() {
  std::vector<Text> keys;
  for (int k = 0; k < static_cast<int>(Text::count); ++k) keys.push_back(static_cast<Text>(k));
  return keys;
}

std::vector<char32_t> code_points(const std::string& utf8) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? b : b & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) c = c << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(c);
    i += length;
  }
  return out;
}

// CELAB_FONT_UNICODES ("U+0020-007E,U+00A0-00FF,..."): what the Latin font draws.
std::vector<std::pair<char32_t, char32_t>> latin_ranges() {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::stringstream list(CELAB_FONT_UNICODES);
  for (std::string part; std::getline(list, part, ',');) {
    const auto dash = part.find('-');
    const auto lo = static_cast<char32_t>(std::stoul(part.substr(2, dash - 2), nullptr, 16));
    const auto hi =
        dash == std::string::npos ? lo : static_cast<char32_t>(std::stoul(part.substr(dash + 1), nullptr, 16));
    ranges.emplace_back(lo, hi);
  }
  return ranges;
}

bool in_latin_font(char32_t c) {
  static const auto ranges = latin_ranges();
  for (const auto& [lo, hi] : ranges)
    if (c >= lo && c <= hi) return true;
  return false;
}

struct Font {
  explicit Font(const char* path) : bytes(data::read_file_bytes(path)) {
    EXPECT_TRUE(stbtt_InitFont(&info, bytes.data(), stbtt_GetFontOffsetForIndex(bytes.data(), 0))) << path;
  }
  bool has(char32_t c) const { return stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0; }
  std::vector<uint8_t> bytes;
  stbtt_fontinfo info{};
};

TEST(PageText, BothLanguagesFilledWithTheSameConversions) {
  const std::regex conversion("%[-+ #0]*[0-9]*(\\.[0-9]+)?[a-zA-Z%]");
  const auto conversions = [&](const std::string& s) {
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), conversion); it != std::sregex_iterator(); ++it)
      found.push_back(it->str());
    return found;
  };
  for (const Text key : all_keys()) {
    const std::string en = text(key, Language::English), zh = text(key, Language::Chinese);
    EXPECT_FALSE(en.empty()) << text_key(key);
    EXPECT_FALSE(zh.empty()) << text_key(key);
    EXPECT_EQ(conversions(en), conversions(zh)) << text_key(key);
  }
}

TEST(PageText, EveryCharacterHasAGlyph) {
  const Font chinese(CELAB_ZH_FONT), language_switch(CELAB_LANGUAGE_SWITCH_FONT);
  size_t chinese_glyphs = 0;
  for (const Text key : all_keys()) {
    for (const char32_t c : code_points(text(key, Language::Chinese))) {
      if (in_latin_font(c)) continue;
      ++chinese_glyphs;
      EXPECT_TRUE(chinese.has(c)) << text_key(key) << ": U+" << std::hex << static_cast<uint32_t>(c)
                                  << " is not in zh-font.otf (tofu)";
    }
    for (const char32_t c : code_points(text(key, Language::English)))
      EXPECT_TRUE(in_latin_font(c) || language_switch.has(c))
          << text_key(key) << ": U+" << std::hex << static_cast<uint32_t>(c) << " has no glyph in English";
  }
  EXPECT_GT(chinese_glyphs, 1000u);  // the Chinese column is really Chinese
}

TEST(PageText, LanguageCodes) {
  EXPECT_STREQ(language_code(Language::Chinese), "zh");
  EXPECT_EQ(language_of_code("en"), Language::English);
  EXPECT_EQ(language_of_code("zh"), Language::Chinese);
  EXPECT_EQ(language_of_code("fr"), std::nullopt);
}

}  // namespace
}  // namespace celab::app
