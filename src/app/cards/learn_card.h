// "Learn this": one SGD step on the drawing with the chosen target (learning rate adjustable),
// the loss before -> after and the target's probability before -> after; "Reset model".
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records "learn", "reset-model" and "learning-rate".
class LearnCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "learn"; }

 private:
  void content() override;
};

}  // namespace celab::app
