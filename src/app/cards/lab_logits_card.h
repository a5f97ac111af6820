// The loss lab's logits: the article's worked example, live: one slider a logit (2 to 10
// classes, the count field at the title's right), and the article's example back at a click.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records "classes" (the class count field with its - and + buttons).
class LabLogitsCard : public Card {
 public:
  explicit LabLogitsCard(const CardContext& context) : Card(context), lab_(context.state.loss_lab()) {}
  const char* id() const override { return "lab-logits"; }

 private:
  void content() override;

  LossLab& lab_;
};

}  // namespace celab::app
