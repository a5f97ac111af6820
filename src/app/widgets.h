// Small drawing helpers shared by the panels: cards, bars, large numbers. Built on Dear ImGui's
// draw lists; colours and spacing come from theme.h.
#pragma once

#include <cstddef>

#include "imgui.h"

namespace celab::app {
struct Fonts;
}

namespace celab::app::widgets {

// A rounded card of fixed `width` whose height follows its content. Cards do not nest. Inside, the
// default item width and the text wrap position are the card's inner width. end_card() pads the card
// to `min_height` and returns the height its content needed, so cards side by side can be given
// equal heights on the next frame.
void begin_card(float width);
float end_card(float min_height = 0);
// Width inside the open card's padding.
float card_inner_width();

// A card's title line, in the heading font.
void card_title(const char* title, const Fonts& fonts);

// A horizontal bar `thickness` high, centred in `size`: `fraction` (clamped to [0, 1]) of it filled.
void bar(float fraction, ImVec2 size, float thickness, ImU32 color);

// `value` with `decimals` decimals and a typographic minus sign (U+2212) for negatives.
void format_number(char* out, std::size_t out_size, double value, int decimals);

// Continues the current line at window-local x `local_x` (ImGui::SameLine(x) would count x from the
// enclosing group's start instead).
void same_line_at(float local_x);

// Continues the current line, `spacing` after the last item, if an item `width` wide still fits in
// the open card; otherwise leaves the next item on a new line. Returns whether it stayed on the line.
bool same_line_if_fits(float width, float spacing);

// Moves the cursor down so that `gap` separates the last item from the next (instead of ItemSpacing.y).
void vertical_gap(float gap);

// Text in `color`; muted_text in the muted one.
void colored_text(ImU32 color, const char* text);
void muted_text(const char* text);

}  // namespace celab::app::widgets
