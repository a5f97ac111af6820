#include "app/cards/lab_options_card.h"

#include "app/core/page_text.h"
#include "app/ui/loss_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

void LabOptionsCard::content() {
  widgets::card_title(Text::heading_options, fonts_);
  edited_options_ = lab_.options();  // reuses its buffer: no allocation per frame
  if (draw_loss_options(edited_options_, lab_.num_classes(), /*with_ignore_index=*/true, widgets::card_inner_width(),
                        rects_, "lab-"))
    lab_.set_options(edited_options_);
}

}  // namespace celab::app
