// The drawn digit's cross-entropy for the chosen target, large, and its breakdown: per class the
// logit, softmax, log-softmax and the gradient dL/dlogits (softmax − one-hot, smoothing and weights
// included) as bars; then the loss computed three ways.
#pragma once

#include "app/ui/card.h"
#include "app/ui/code_button.h"

namespace celab::app {

// Records its "PyTorch code" button as "code/drawing".
class LossCard : public Card {
 public:
  // Records the units switch ("units/nats", "units/bits").
  explicit LossCard(const CardContext& context) : Card(context), code_(CodeCard::Drawing, state_, rects_) {}
  const char* id() const override { return "loss"; }

 private:
  void content() override;
  void draw_table(const Prediction& p, float inner);

  CodeButton code_;
};

}  // namespace celab::app
