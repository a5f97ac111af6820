// "Loss options" of the drawn digit's loss: label smoothing, reduction and class weights
// (ui/loss_views.h draws them, the loss lab's options card too).
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records the controls as draw_loss_options() does, without a prefix.
class LossOptionsCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "loss-options"; }

 private:
  void content() override;
};

}  // namespace celab::app
