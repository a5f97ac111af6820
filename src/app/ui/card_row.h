// Cards side by side with equal heights: the one helper for rows of cards. Immediate-mode drawing
// learns a card's height only by drawing it, so each line of cards gets the height of its tallest
// card of the last frame (a change of content settles in one frame). A card alone on its line is as
// tall as its content.
#pragma once

#include <array>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

#include "app/ui/card.h"

namespace celab::app {

// Where the cards of a row sit for a page of some width: up to three lines, each of up to three
// cards left to right, `theme::kGap` apart. Fixed sizes: arranging allocates nothing.
struct CardLine {
  struct Placed {
    int card = 0;  // index into the row's cards
    float width = 0;
  };
  std::array<Placed, 3> cards{};
  int count = 0;
};
struct CardLines {
  std::array<CardLine, 3> lines{};
  int count = 0;
  // Appends a line of the cards (index, width) given.
  CardLines& line(std::initializer_list<CardLine::Placed> cards);
};

// How a row's cards sit on a page `width` wide; `cards`: how many the row has.
using ArrangeCards = CardLines (*)(int cards, float width);

// Each card on a line of its own, the page's full width.
CardLines one_a_line(int cards, float width);
// Two cards side by side, half the width each, from `MinWidth` on; narrower, one a line.
CardLines halves_or_stacked(int cards, float width, float min_width);
template <int MinWidth>
CardLines halves_from(int cards, float width) {
  return halves_or_stacked(cards, width, MinWidth);
}

// A row of cards and its arrangement; remembers each line's height for the next frame.
class CardRow {
 public:
  CardRow(ArrangeCards arrange, std::vector<std::unique_ptr<Card>> cards)
      : arrange_(arrange), cards_(std::move(cards)) {}

  // Draws the row at the cursor for a page `width` wide, its lines `theme::kGap` apart.
  void draw(float width);

  const std::vector<std::unique_ptr<Card>>& cards() const { return cards_; }

 private:
  ArrangeCards arrange_;
  std::vector<std::unique_ptr<Card>> cards_;
  std::array<float, 3> line_heights_{};  // per line, its tallest card of the last frame
};

}  // namespace celab::app
