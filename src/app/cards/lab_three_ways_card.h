// The loss lab's target selector and its cross-entropy computed three ways side by side
// (nn.CrossEntropyLoss, -x[y] + log Σ exp(x), LogSoftmax + NLLLoss).
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records the target buttons as "lab-target/<k>".
class LabThreeWaysCard : public Card {
 public:
  explicit LabThreeWaysCard(const CardContext& context) : Card(context), lab_(context.state.loss_lab()) {}
  const char* id() const override { return "lab-three-ways"; }

 private:
  void content() override;

  LossLab& lab_;
};

}  // namespace celab::app
