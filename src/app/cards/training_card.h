// The training card: Start / Pause / Step / Reset; from scratch (seed shown) or from the shipped
// model; Adam or SGD with momentum, learning rate, batch size, label smoothing; the loss plot with its
// ln 10 line and why a fresh network starts there; steps, epochs, images per second, test accuracy;
// the training digits' download (progress, error, retry). State and logic: core/training_lab.h.
#pragma once

#include "app/ui/card.h"

namespace celab::app {

// Records "train/<control>": start, pause, step, reset, scratch, shipped, seed, adam, sgd, lr,
// batch-size, smoothing, retry.
class TrainingCard : public Card {
 public:
  using Card::Card;
  const char* id() const override { return "training"; }

 private:
  void content() override;
  void draw_choices(float width);
  void draw_buttons();
  void draw_status(float width);
};

// The training digits' download as a card line: a progress bar while it runs, the error and a Retry
// button (recorded as `retry_name`) when it failed. Shared by the training and batch cards.
void draw_data_status(TrainingLab& lab, float width, UiRects& rects, const char* retry_name);

}  // namespace celab::app
