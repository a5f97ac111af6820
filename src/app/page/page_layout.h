// The page's cards, top to bottom: sections (a title and a line under it, or none for the first),
// each a list of rows of cards (ui/card_row.h). The one place a card is put on the page: adding a
// card is its file in cards/ and one line in page_layout.cpp (docs/architecture.md, "How to add a
// card").
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "app/core/page_text.h"
#include "app/ui/card_row.h"

namespace celab::app {

struct PageSection {
  std::optional<Text> title;  // with `intro` under it; none: the section follows the header directly
  std::optional<Text> intro;
  std::vector<CardRow> rows;
};

// Makes every card of the page, each with `context` (which must outlive them).
std::vector<PageSection> make_page_layout(const CardContext& context);

// Calls visit(card) for every card of the page, top to bottom.
template <typename Visit>
void for_each_card(std::vector<PageSection>& page, Visit visit) {
  for (PageSection& section : page)
    for (CardRow& row : section.rows)
      for (const std::unique_ptr<Card>& card : row.cards()) visit(*card);
}

}  // namespace celab::app
