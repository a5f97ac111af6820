// Small drawing helpers shared by the panels: cards, bars, large numbers. Built on Dear ImGui's
// draw lists; colours and spacing come from theme.h.
#pragma once

#include <cstddef>

#include "app/core/loss_units.h"
#include "app/core/page_text.h"
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

// A card's title line, in the heading font: `heading`'s text (a "heading.*" key: page_text.h's
// is_heading), its %d filled with `number` where it has one.
void card_title(Text heading, const Fonts& fonts);
void card_title(Text heading, int number, const Fonts& fonts);

// A loss in large type: its number in `number_font` (the display or heading font, which may hold
// only digits and Latin letters) and its unit ("nats", "比特", ...) beside it in the body font, on the
// number's baseline.
void big_loss(double nats, LossUnits units, int decimals, ImU32 color, ImFont* number_font);

// A horizontal bar `thickness` high, centred in `size`: `fraction` (clamped to [0, 1]) of it filled.
void bar(float fraction, ImVec2 size, float thickness, ImU32 color);

// A bar for a signed `value` in [-1, 1] (clamped): it grows from the centre line of `size`, to the
// right in `positive`, to the left in `negative`.
void signed_bar(float value, ImVec2 size, float thickness, ImU32 positive, ImU32 negative);

// `value` with `decimals` decimals and a typographic minus sign (U+2212) for negatives.
void format_number(char* out, std::size_t out_size, double value, int decimals);

// A probability: 4 decimals, or 3 significant digits in e-notation when that would show 0.0000.
void format_probability(char* out, std::size_t out_size, double p);

// A loss (or a gradient of one) of `nats` nats, in `units`: format_number's text, then the unit's
// short name in the page's language ("2.3026 nats", "3.3219 bits").
void format_loss(char* out, std::size_t out_size, double nats, LossUnits units, int decimals);

// A thin horizontal line `width` long at the cursor (ImGui::Separator would span the whole window).
void rule(float width);

// Continues the current line at window-local x `local_x` (ImGui::SameLine(x) would count x from the
// enclosing group's start instead).
void same_line_at(float local_x);

// Continues the current line, `spacing` after the last item, if an item `width` wide still fits in
// the open card; otherwise leaves the next item on a new line. Returns whether it stayed on the line.
bool same_line_if_fits(float width, float spacing);

// Moves the cursor down so that `gap` separates the last item from the next (instead of ItemSpacing.y).
void vertical_gap(float gap);

// Text in the current colour, wrapped at the text wrap position (when one is set) with breaks
// between Chinese characters as well as at spaces (core/line_breaks.h): ImGui alone breaks at
// spaces only. The colored and muted texts below are paragraphs.
void paragraph(const char* text);

// Text in `color`; muted_text in the muted one.
void colored_text(ImU32 color, const char* text);
void muted_text(const char* text);
// The same, printf-style (formatted into Dear ImGui's own buffer: no allocation).
void colored_textf(ImU32 color, const char* format, ...) IM_FMTARGS(2);
void muted_textf(const char* format, ...) IM_FMTARGS(1);

// A button of the app's accent colour (the main action of a card).
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));

// A button drawn as selected (the target class), or plain.
bool toggle_button(const char* label, bool selected, ImVec2 size);

}  // namespace celab::app::widgets
