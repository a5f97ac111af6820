// The loss lab's softmax probabilities of its logits: a bar, p and log p a class.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

class LabSoftmaxCard : public Card {
 public:
  explicit LabSoftmaxCard(const CardContext& context) : Card(context), lab_(context.state.loss_lab()) {}
  const char* id() const override { return "lab-softmax"; }

 private:
  void content() override;

  LossLab& lab_;
};

}  // namespace celab::app
