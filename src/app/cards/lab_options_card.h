// The loss lab's loss options: every option of nn.CrossEntropyLoss, ignore_index included.
#pragma once

#include "app/ui/card.h"
#include "nn/loss_options.h"

namespace celab::app {

// Records the controls as draw_loss_options() does, prefixed "lab-".
class LabOptionsCard : public Card {
 public:
  explicit LabOptionsCard(const CardContext& context) : Card(context), lab_(context.state.loss_lab()) {}
  const char* id() const override { return "lab-options"; }

 private:
  void content() override;

  LossLab& lab_;
  nn::CrossEntropyOptions<double> edited_options_;  // the card's working copy
};

}  // namespace celab::app
