// The mistakes card (in the loss lab): a switch for each common mistake made with
// nn.CrossEntropyLoss (app/core/mistake_table.h). The one switched on shows, under its switch, the
// wrong line, what PyTorch 1.13 does with it (its exception line or the number it returns), what
// happened and why with the lab's numbers, and the fix; the lab's loss card then shows the mistaken
// program's answer (draw_mistaken_loss).
#pragma once

#include "app/core/loss_lab.h"
#include "app/ui/card.h"
#include "app/ui/fonts.h"
#include "app/ui/rects.h"

namespace celab::app {

// Records "mistake/<id>" (each switch).
class MistakesCard : public Card {
 public:
  explicit MistakesCard(const CardContext& context) : Card(context), lab_(context.state.loss_lab()) {}
  const char* id() const override { return "mistakes"; }

 private:
  void content() override;
  void draw_details(nn::Mistake mistake, float width);

  LossLab& lab_;
};

// In the loss card while a mistake is on: which one, PyTorch's answer in large type (or its
// exception line), the right program's loss beside it, and a switch-off button ("mistake/off").
// Draws nothing and returns false without a mistake.
bool draw_mistaken_loss(LossLab& lab, float width, const Fonts& fonts, UiRects& rects);

}  // namespace celab::app
