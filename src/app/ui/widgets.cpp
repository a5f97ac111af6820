#include "app/ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

#include "app/core/confidence_text.h"
#include "app/core/line_breaks.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "imgui_internal.h"  // the window's text wrap position, ImGui's format buffer

namespace celab::app::widgets {
namespace {

// The open card. One at a time: the splitter draws the card's background under content already
// submitted, and keeps its buffers between frames so steady state allocates nothing.
struct OpenCard {
  ImDrawListSplitter splitter;
  ImVec2 origin;
  float width = 0;
  bool open = false;
};
OpenCard card;

}  // namespace

void begin_card(float width) {
  IM_ASSERT(!card.open && "cards do not nest");
  card.open = true;
  card.width = width;
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  card.splitter.Split(draw_list, 2);
  card.splitter.SetCurrentChannel(draw_list, 1);

  ImGui::BeginGroup();
  card.origin = ImGui::GetCursorScreenPos();
  const float pad = theme::kCardPadding;
  ImGui::SetCursorScreenPos(ImVec2(card.origin.x + pad, card.origin.y + pad));
  ImGui::BeginGroup();
  const float inner_width = width - 2 * pad;
  ImGui::PushItemWidth(inner_width);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner_width);
}

float card_inner_width() { return card.width - 2 * theme::kCardPadding; }

namespace {

void title_line(const char* title, const Fonts& fonts) {
  ImGui::PushFont(fonts.heading);
  ImGui::AlignTextToFramePadding();  // so widgets on the title line sit on the same baseline
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
}

}  // namespace

void card_title(Text heading, const Fonts& fonts) {
  IM_ASSERT(is_heading(heading));
  title_line(text(heading), fonts);
}

void card_title(Text heading, int number, const Fonts& fonts) {
  IM_ASSERT(is_heading(heading));
  char line[256];
  std::snprintf(line, sizeof line, text(heading), number);
  title_line(line, fonts);
}

float end_card(float min_height) {
  IM_ASSERT(card.open);
  ImGui::PopTextWrapPos();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  const float pad = theme::kCardPadding;
  const float content_bottom = ImGui::GetItemRectMax().y;
  const float natural_height = content_bottom + pad - card.origin.y;
  const float height = std::max(natural_height, min_height);
  const ImVec2 max(card.origin.x + card.width, card.origin.y + height);
  // The outer group spans the whole card, so layout after it sees the card's true size.
  ImGui::SetCursorScreenPos(card.origin);
  ImGui::Dummy(ImVec2(card.width, height));
  ImGui::EndGroup();

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  card.splitter.SetCurrentChannel(draw_list, 0);
  draw_list->AddRectFilled(card.origin, max, theme::kCardBackground, theme::kCardRounding);
  draw_list->AddRect(card.origin, max, theme::kCardBorder, theme::kCardRounding);
  card.splitter.Merge(draw_list);
  card.open = false;
  return natural_height;
}

void bar(float fraction, ImVec2 size, float thickness, ImU32 color) {
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 p(cursor.x, cursor.y + 0.5f * (size.y - thickness));
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const float rounding = 0.5f * thickness;
  draw_list->AddRectFilled(p, ImVec2(p.x + size.x, p.y + thickness), theme::kBarTrack, rounding);
  const float filled = std::clamp(std::isfinite(fraction) ? fraction : 0.0f, 0.0f, 1.0f) * size.x;
  // A sliver narrower than the rounding would draw as a blob: show it as a rounded dot instead.
  if (filled > 0.5f) {
    draw_list->AddRectFilled(p, ImVec2(p.x + std::max(filled, thickness), p.y + thickness), color, rounding);
  }
  ImGui::Dummy(size);
}

void signed_bar(float value, ImVec2 size, float thickness, ImU32 positive, ImU32 negative) {
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const float top = cursor.y + 0.5f * (size.y - thickness);
  const float centre = cursor.x + 0.5f * size.x;
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  draw_list->AddRectFilled(ImVec2(cursor.x, top), ImVec2(cursor.x + size.x, top + thickness), theme::kBarTrack,
                           0.5f * thickness);
  const float v = std::clamp(std::isfinite(value) ? value : 0.0f, -1.0f, 1.0f);
  const float reach = v * 0.5f * size.x;
  if (std::abs(reach) > 0.5f) {
    const float a = std::min(centre, centre + reach), b = std::max(centre, centre + reach);
    draw_list->AddRectFilled(ImVec2(a, top), ImVec2(b, top + thickness), v > 0 ? positive : negative, 2.0f);
  }
  draw_list->AddLine(ImVec2(centre, top - 3), ImVec2(centre, top + thickness + 3), theme::kTextMuted);
  ImGui::Dummy(size);
}

void format_number(char* out, std::size_t out_size, double value, int decimals) {
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.*f", decimals, std::abs(value));
  // No sign on a value that rounds to zero: "0.0000", not "-0.0000".
  const bool shows_nonzero = std::strspn(digits, "0.") != std::strlen(digits);
  const bool negative = std::signbit(value) && !std::isnan(value) && shows_nonzero;
  std::snprintf(out, out_size, "%s%s", negative ? "\u2212" : "", digits);
}

void format_probability(char* out, std::size_t out_size, double p) {
  if (p > 0 && p < 5e-5) {
    std::snprintf(out, out_size, "%.2e", p);
  } else {
    std::snprintf(out, out_size, "%.4f", p);
  }
}

void format_loss(char* out, std::size_t out_size, double nats, LossUnits units, int decimals) {
  char number[80];  // format_number's digits and a sign
  format_number(number, sizeof number, in_units(nats, units), decimals);
  std::snprintf(out, out_size, "%s %s", number, units_short_text(units));
}

void big_loss(double nats, LossUnits units, int decimals, ImU32 color, ImFont* number_font) {
  char number[80];
  format_number(number, sizeof number, in_units(nats, units), decimals);
  ImGui::BeginGroup();
  ImGui::PushFont(number_font);
  colored_text(color, number);
  // Dear ImGui draws a line's glyphs on a baseline its font's ascent below the line's top.
  const float scale = ImGui::GetIO().FontGlobalScale;
  const float baseline = ImGui::GetItemRectMin().y + ImGui::GetFont()->Ascent * scale;
  ImGui::PopFont();
  ImGui::SameLine(0, 0.5f * ImGui::GetFontSize());
  // The unit's baseline on the number's.
  const float unit_top = baseline - ImGui::GetFont()->Ascent * scale;
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, unit_top));
  colored_text(color, units_short_text(units));
  ImGui::EndGroup();
}

void rule(float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + width, p.y), theme::kCardBorder);
  ImGui::Dummy(ImVec2(width, 1));
}

void same_line_at(float local_x) {
  ImGui::SameLine();
  ImGui::SetCursorPosX(local_x);
}

bool same_line_if_fits(float width, float spacing) {
  const float inner_right = card.origin.x + card.width - theme::kCardPadding;
  if (ImGui::GetItemRectMax().x + spacing + width > inner_right) return false;
  ImGui::SameLine(0, spacing);
  return true;
}

void vertical_gap(float gap) { ImGui::SetCursorPosY(ImGui::GetCursorPosY() + gap - ImGui::GetStyle().ItemSpacing.y); }

void paragraph(const char* text) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float wrap_pos_x = window->DC.TextWrapPos;
  if (wrap_pos_x < 0) {  // no wrapping asked for
    ImGui::TextUnformatted(text);
    return;
  }
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  static std::vector<LineSpan> lines;  // reused: no allocation per frame
  break_lines(
      text, ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos_x),
      [&](char32_t c) {
        return scale *
               (c <= IM_UNICODE_CODEPOINT_MAX ? font->GetCharAdvance(static_cast<ImWchar>(c)) : font->FallbackAdvanceX);
      },
      lines);
  // The lines as one item, as close together as ImGui's own wrapped lines.
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(-1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  for (const LineSpan& line : lines) ImGui::TextUnformatted(text + line.begin, text + line.end);
  ImGui::PopStyleVar();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void colored_text(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  paragraph(text);
  ImGui::PopStyleColor();
}

void muted_text(const char* text) { colored_text(theme::kTextMuted, text); }

namespace {

void colored_textv(ImU32 color, const char* format, va_list args) {
  ImGuiContext& g = *ImGui::GetCurrentContext();  // formatted into Dear ImGui's own buffer, as ImGui::TextV does
  ImFormatStringV(g.TempBuffer, IM_ARRAYSIZE(g.TempBuffer), format, args);
  colored_text(color, g.TempBuffer);
}

}  // namespace

void colored_textf(ImU32 color, const char* format, ...) {
  va_list args;
  va_start(args, format);
  colored_textv(color, format, args);
  va_end(args);
}

void muted_textf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  colored_textv(theme::kTextMuted, format, args);
  va_end(args);
}

bool primary_button(const char* label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kAccentHovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::kAccentActive);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccentText);
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(4);
  return pressed;
}

bool toggle_button(const char* label, bool selected, ImVec2 size) {
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::kTarget);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kTarget);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::kTarget);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTargetText);
  }
  const bool pressed = ImGui::Button(label, size);
  if (selected) ImGui::PopStyleColor(4);
  return pressed;
}

}  // namespace celab::app::widgets
