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
constexpr ImU32 kAccent = IM_COL32(0x5B, 0x9B, 0xFF, 0xFF);  // controls, headings of computations
constexpr ImU32 kAccentHovered = IM_COL32(0x7A, 0xB0, 0xFF, 0xFF);
constexpr ImU32 kAccentActive = IM_COL32(0x48, 0x86, 0xE8, 0xFF);
constexpr ImU32 kAccentText = IM_COL32(0x0A, 0x12, 0x22, 0xFF);  // text on a kAccent fill
constexpr ImU32 kTarget = IM_COL32(0xF5, 0xA6, 0x23, 0xFF);      // everything about the target class
constexpr ImU32 kTargetText = IM_COL32(0x1A, 0x14, 0x08, 0xFF);  // text on a kTarget fill
constexpr ImU32 kBar = IM_COL32(0x4A, 0x5A, 0x78, 0xFF);         // probability bars of other classes
constexpr ImU32 kBarTrack = IM_COL32(0x28, 0x2C, 0x35, 0xFF);
constexpr ImU32 kGood = IM_COL32(0x4C, 0xC3, 0x8A, 0xFF);
constexpr ImU32 kError = IM_COL32(0xFF, 0x6B, 0x6B, 0xFF);
constexpr ImU32 kPredicted = kAccent;                               // the predicted class's bar
constexpr ImU32 kPictureGround = IM_COL32(0x0B, 0x0C, 0x10, 0xFF);  // canvas, model input, saliency
constexpr ImU32 kPictureInk = IM_COL32(0xF4, 0xF5, 0xF7, 0xFF);
constexpr ImU32 kGradientLowers = IM_COL32(0x4D, 0xA3, 0xFF, 0xFF);  // more of it lowers the loss
constexpr ImU32 kGradientRaises = IM_COL32(0xF2, 0x5C, 0x6E, 0xFF);  // more of it raises the loss

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
