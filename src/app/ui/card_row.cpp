#include "app/ui/card_row.h"

#include <algorithm>
#include <cmath>

#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

CardLines& CardLines::line(std::initializer_list<CardLine::Placed> cards) {
  CardLine& next = lines[static_cast<size_t>(count++)];
  for (const CardLine::Placed& placed : cards) next.cards[static_cast<size_t>(next.count++)] = placed;
  return *this;
}

CardLines one_a_line(int cards, float width) {
  CardLines lines;
  for (int i = 0; i < cards; ++i) lines.line({{i, width}});
  return lines;
}

CardLines halves_or_stacked(int cards, float width, float min_width) {
  if (cards != 2 || width < min_width) return one_a_line(cards, width);
  const float half = std::floor((width - theme::kGap) / 2);
  return CardLines().line({{0, half}, {1, width - half - theme::kGap}});
}

void CardRow::draw(float width) {
  const CardLines lines = arrange_(static_cast<int>(cards_.size()), width);
  for (int l = 0; l < lines.count; ++l) {
    if (l > 0) widgets::vertical_gap(theme::kGap);
    const CardLine& line = lines.lines[static_cast<size_t>(l)];
    Card& first = *cards_[static_cast<size_t>(line.cards[0].card)];
    if (line.count == 1) {
      first.draw(line.cards[0].width, 0);  // alone on its line: as tall as its content
      continue;
    }
    float& height = line_heights_[static_cast<size_t>(l)];
    float tallest = 0;
    for (int i = 0; i < line.count; ++i) {
      const CardLine::Placed& placed = line.cards[static_cast<size_t>(i)];
      if (i > 0) ImGui::SameLine(0, theme::kGap);
      tallest = std::max(tallest, cards_[static_cast<size_t>(placed.card)]->draw(placed.width, height));
    }
    height = tallest;
  }
}

}  // namespace celab::app
