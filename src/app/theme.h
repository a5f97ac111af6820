// The app's look: one dark palette and the spacing every panel uses. Panels take colours from here
// rather than writing their own, so the page stays consistent as it grows.
#pragma once

#include "imgui.h"

namespace celab::app::theme {

constexpr ImU32 kPageBackground = IM_COL32(0x15, 0x17, 0x1C, 0xFF);
constexpr ImU32 kCardBackground = IM_COL32(0x1E, 0x21, 0x28, 0xFF);
constexpr ImU32 kCardBorder = IM_COL32(0x2B, 0x2F, 0x38, 0xFF);
constexpr ImU32 kText = IM_COL32(0xE6, 0xE8, 0xEC, 0xFF);
constexpr ImU32 kTextMuted = IM_COL32(0x95, 0x9C, 0xA9, 0xFF);
constexpr ImU32 kAccent = IM_COL32(0x5B, 0x9B, 0xFF, 0xFF);       // controls, headings of computations
constexpr ImU32 kTarget = IM_COL32(0xF5, 0xA6, 0x23, 0xFF);       // everything about the target class
constexpr ImU32 kTargetText = IM_COL32(0x1A, 0x14, 0x08, 0xFF);   // text on a kTarget fill
constexpr ImU32 kBar = IM_COL32(0x4A, 0x5A, 0x78, 0xFF);          // probability bars of other classes
constexpr ImU32 kBarTrack = IM_COL32(0x28, 0x2C, 0x35, 0xFF);
constexpr ImU32 kGood = IM_COL32(0x4C, 0xC3, 0x8A, 0xFF);

constexpr float kCardPadding = 20.0f;
constexpr float kCardRounding = 10.0f;
constexpr float kGap = 20.0f;  // between cards

// One channel of a colour as a float in [0, 1]; `shift` is IM_COL32_R_SHIFT, _G_ or _B_.
constexpr float channel(ImU32 color, int shift) { return static_cast<float>((color >> shift) & 0xFF) / 255.0f; }

// The page background as RGB floats, for clearing the framebuffer.
inline constexpr float kClearRgb[3] = {channel(kPageBackground, IM_COL32_R_SHIFT),
                                       channel(kPageBackground, IM_COL32_G_SHIFT),
                                       channel(kPageBackground, IM_COL32_B_SHIFT)};

// Sets Dear ImGui's style (colours, spacing, rounding) to the app's.
void apply_style();

}  // namespace celab::app::theme
