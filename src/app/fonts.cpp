#include "app/fonts.h"

#include "app/font_data.h"
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
    0x0020, 0x0020, 0x002B, 0x002E, 0x0030, 0x0039, 0x0045, 0x0045, 0x0065, 0x0065,
    0x0049, 0x0049, 0x004E, 0x004E, 0x0061, 0x0061, 0x0066, 0x0066, 0x0069, 0x0069,
    0x006E, 0x006E, 0x2212, 0x2212, 0x221E, 0x221E, 0,
};

ImFont* add_font(const unsigned char* ttf, std::size_t ttf_size, float size, float pixel_ratio,
                 const ImWchar* ranges) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data compiled into the program
  config.OversampleH = 2;               // already at device resolution: 2 is plenty
  config.OversampleV = 1;
  // ImGui's API takes a mutable pointer but only reads when it does not own the data.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf), static_cast<int>(ttf_size),
                                                    size * pixel_ratio, &config, ranges);
}

}  // namespace

Fonts build_fonts(float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  using namespace font_data;
  fonts.body = add_font(roboto_regular, roboto_regular_size, kBodySize, pixel_ratio, kTextRanges);
  fonts.heading = add_font(roboto_medium, roboto_medium_size, kHeadingSize, pixel_ratio, kTextRanges);
  fonts.title = add_font(roboto_medium, roboto_medium_size, kTitleSize, pixel_ratio, kTitleRanges);
  fonts.display = add_font(roboto_medium, roboto_medium_size, kDisplaySize, pixel_ratio, kDisplayRanges);
  io.Fonts->Build();
  io.FontDefault = fonts.body;
  io.FontGlobalScale = 1.0f / pixel_ratio;
  return fonts;
}

}  // namespace celab::app
