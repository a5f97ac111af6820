#include "app/cards/loss_options_card.h"

#include "app/core/page_text.h"
#include "app/ui/loss_views.h"
#include "app/ui/widgets.h"
#include "nn/architecture.h"

namespace celab::app {

void LossOptionsCard::content() {
  widgets::card_title(Text::heading_options, fonts_);
  draw_loss_options(state_.edit_loss_options(), nn::kClasses, /*with_ignore_index=*/false, widgets::card_inner_width(),
                    rects_, "");
}

}  // namespace celab::app
