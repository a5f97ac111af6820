// The drawn digit's cross-entropy for the chosen target, large, and its breakdown: per class the
// logit, softmax, log-softmax and the gradient dL/dlogits (softmax − one-hot, smoothing and weights
// included) as bars; then the loss computed three ways.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

class LossCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "loss"; }

 private:
  void content() override;
  void draw_table(const Prediction& p, float inner);
};

}  // namespace celab::app
