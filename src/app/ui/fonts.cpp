#include "app/ui/fonts.h"

#include <string_view>

#include "app/core/page_text.h"
#include "app/ui/font_data.h"
#include "imgui.h"

namespace celab::app {
namespace {

// Logical sizes in window units (CSS pixels on the web).
constexpr float kBodySize = 16.0f;
constexpr float kHeadingSize = 19.0f;
constexpr float kTitleSize = 26.0f;
constexpr float kDisplaySize = 38.0f;

// Latin-1, Greek (Σ, ε, ...) and the punctuation and maths signs the UI writes. The embedded fonts
// keep only these glyphs: keep in step with CELAB_FONT_UNICODES in cmake/app.cmake.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 (×, ·, ±)
    0x0391, 0x03C9,  // Greek
    0x2013, 0x2014,  // – —
    0x2018, 0x201D,  // quotes
    0x2026, 0x2026,  // …
    0x2202, 0x2202,  // ∂
    0x2211, 0x2212,  // ∑ −
    0x221E, 0x221E,  // ∞
    0x2248, 0x2248,  // ≈
    0x2260, 0x2265,  // ≠ ≤ ≥
    0,
};
// The page title: plain ASCII.
constexpr ImWchar kTitleRanges[] = {0x0020, 0x007E, 0};
// Large numbers only: digits, sign, point, exponent, and what NaN / infinity print as.
constexpr ImWchar kDisplayRanges[] = {
    0x0020, 0x0020, 0x002B, 0x002E, 0x0030, 0x0039, 0x0045, 0x0045, 0x0065, 0x0065, 0x0049, 0x0049, 0x004E, 0x004E,
    0x0061, 0x0061, 0x0066, 0x0066, 0x0069, 0x0069, 0x006E, 0x006E, 0x2212, 0x2212, 0x221E, 0x221E, 0,
};

// Noto Sans CJK's ideographs look smaller than Roboto's letters at one pixel size: a little larger
// they match its x-height and capitals.
constexpr float kChineseScale = 1.12f;

ImFont* add_font(const unsigned char* ttf, std::size_t ttf_size, float size, float pixel_ratio, const ImWchar* ranges,
                 bool merge = false) {
  ImFontConfig config;
  if (merge) size *= kChineseScale;
  config.FontDataOwnedByAtlas = false;  // static data compiled into the program, or kept by its owner
  config.OversampleH = merge ? 1 : 2;   // already at device resolution: 2 is plenty (1 for Chinese)
  config.OversampleV = 1;
  config.MergeMode = merge;  // glyphs added to the font added before
  // ImGui's API takes a mutable pointer but only reads when it does not own the data.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf), static_cast<int>(ttf_size),
                                                    size * pixel_ratio, &config, ranges);
}

// The characters of the page text table's `language` column, of the keys starting with `prefix`
// (all for ""), as ImGui glyph ranges: what a merged Chinese font must supply (the Latin font comes
// first, so its own glyphs win). Built once per use; ImGui keeps the pointer.
const ImWchar* table_ranges(Language language, std::string_view prefix) {
  ImFontGlyphRangesBuilder builder;
  for (int k = 0; k < static_cast<int>(Text::count); ++k)
    if (std::string_view(text_key(static_cast<Text>(k))).starts_with(prefix))
      builder.AddText(text(static_cast<Text>(k), language));
  auto* ranges = new ImVector<ImWchar>();  // lives as long as the program: the atlas may be rebuilt
  builder.BuildRanges(ranges);
  return ranges->Data;
}

}  // namespace

Fonts build_fonts(float pixel_ratio, std::span<const uint8_t> chinese_font) {
  static const ImWchar* const kSwitchRanges = table_ranges(Language::English, "");
  static const ImWchar* const kChineseRanges = table_ranges(Language::Chinese, "");
  static const ImWchar* const kChineseHeadingRanges = table_ranges(Language::Chinese, kHeadingKeyPrefix);
  static const ImWchar* const kChineseTitleRanges = table_ranges(Language::Chinese, "title.");
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  using namespace font_data;
  const bool chinese = !chinese_font.empty();
  const auto* cjk = chinese_font.data();
  fonts.body = add_font(roboto_regular, roboto_regular_size, kBodySize, pixel_ratio, kTextRanges);
  // The language switch's "中文" always; the whole Chinese column once its font is there.
  add_font(language_switch, language_switch_size, kBodySize, pixel_ratio, kSwitchRanges, true);
  if (chinese) add_font(cjk, chinese_font.size(), kBodySize, pixel_ratio, kChineseRanges, true);
  fonts.heading = add_font(roboto_medium, roboto_medium_size, kHeadingSize, pixel_ratio, kTextRanges);
  if (chinese) add_font(cjk, chinese_font.size(), kHeadingSize, pixel_ratio, kChineseHeadingRanges, true);
  fonts.title = add_font(roboto_medium, roboto_medium_size, kTitleSize, pixel_ratio, kTitleRanges);
  if (chinese) add_font(cjk, chinese_font.size(), kTitleSize, pixel_ratio, kChineseTitleRanges, true);
  fonts.display = add_font(roboto_medium, roboto_medium_size, kDisplaySize, pixel_ratio, kDisplayRanges);
  io.Fonts->Build();
  io.FontDefault = fonts.body;
  io.FontGlobalScale = 1.0f / pixel_ratio;
  return fonts;
}

}  // namespace celab::app
