#include "app/ui/card.h"

#include "app/ui/widgets.h"

namespace celab::app {

float Card::draw(float width, float min_height) {
  widgets::begin_card(width);
  content();
  return widgets::end_card(min_height);
}

}  // namespace celab::app
