#include "app/page/page_layout.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include "app/cards/batch_card.h"
#include "app/cards/draw_card.h"
#include "app/cards/input_card.h"
#include "app/cards/lab_logits_card.h"
#include "app/cards/lab_options_card.h"
#include "app/cards/lab_softmax_card.h"
#include "app/cards/lab_three_ways_card.h"
#include "app/cards/learn_card.h"
#include "app/cards/loss_card.h"
#include "app/cards/loss_options_card.h"
#include "app/cards/prediction_card.h"
#include "app/cards/training_card.h"
#include "app/core/drawing_pad.h"
#include "app/ui/theme.h"

namespace celab::app {
namespace {

constexpr float kThreeColumnsMinWidth = 1040;
constexpr int kTwoColumnsMinWidth = 700;
constexpr int kLabTwoColumnsMinWidth = 760;  // narrower: the lab's cards and computations stack
constexpr float kDrawCardWidth = DrawingPad::kCanvasSide + 2 * theme::kCardPadding;
constexpr float kPredictionCardWidth = 400;

// The digit's row: cards 0 draw, 1 input, 2 prediction. Wide: all three side by side; medium: the
// drawing beside the prediction, the input under them; narrow: one a line, the prediction second.
CardLines digit_row(int /*cards*/, float width) {
  const float gap = theme::kGap;
  if (width >= kThreeColumnsMinWidth) {
    const float rest = width - kDrawCardWidth - 2 * gap;
    const float input_width = rest - std::max(kPredictionCardWidth, std::floor(rest * 0.5f));
    return CardLines().line({{0, kDrawCardWidth}, {1, input_width}, {2, rest - input_width}});
  }
  if (width >= kTwoColumnsMinWidth) {
    return CardLines().line({{0, kDrawCardWidth}, {2, width - kDrawCardWidth - gap}}).line({{1, width}});
  }
  return CardLines().line({{0, width}}).line({{2, width}}).line({{1, width}});
}

template <typename... Cards>
CardRow row(ArrangeCards arrange, const CardContext& context) {
  std::vector<std::unique_ptr<Card>> cards;
  (cards.push_back(std::make_unique<Cards>(context)), ...);
  return CardRow(arrange, std::move(cards));
}

}  // namespace

std::vector<PageSection> make_page_layout(const CardContext& c) {
  std::vector<PageSection> page(3);
  // The drawn digit, its prediction and its loss, right under the header.
  page[0].rows.push_back(row<DrawCard, InputCard, PredictionCard>(digit_row, c));
  page[0].rows.push_back(row<LossCard>(one_a_line, c));
  page[0].rows.push_back(row<LearnCard, LossOptionsCard>(halves_from<kTwoColumnsMinWidth>, c));

  page[1] = {Text::title_lab, Text::lab_intro, {}};
  page[1].rows.push_back(row<LabLogitsCard, LabSoftmaxCard>(halves_from<kLabTwoColumnsMinWidth>, c));
  page[1].rows.push_back(row<LabThreeWaysCard, LabOptionsCard>(one_a_line, c));

  page[2] = {Text::title_training, Text::training_intro, {}};
  page[2].rows.push_back(row<TrainingCard, BatchCard>(one_a_line, c));
  return page;
}

}  // namespace celab::app
