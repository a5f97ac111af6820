// The loss lab's target selector and its cross-entropy computed three ways side by side
// (nn.CrossEntropyLoss, -x[y] + log Σ exp(x), LogSoftmax + NLLLoss).
#pragma once

#include "app/ui/card.h"
#include "app/ui/code_button.h"

namespace celab::app {

// With a mistake on (mistakes_card.h), the mistaken program's answer instead of the three computations.
// Records the target buttons as "lab-target/<k>", its "PyTorch code" as "code/lossLab".
class LabThreeWaysCard : public Card {
 public:
  explicit LabThreeWaysCard(const CardContext& context)
      : Card(context), lab_(context.state.loss_lab()), code_(CodeCard::LossLab, state_, rects_) {}
  const char* id() const override { return "lab-three-ways"; }

 private:
  void content() override;

  LossLab& lab_;
  CodeButton code_;
};

}  // namespace celab::app
