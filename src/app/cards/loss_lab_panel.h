// The loss lab: the article's worked example, live. Logits on sliders (2 to 10 classes), the
// softmax probabilities, a target selector, the cross-entropy computed three ways side by side
// (nn.CrossEntropyLoss, -x[y] + log Σ exp(x), LogSoftmax + NLLLoss) and every loss option.
#pragma once

#include "app/core/loss_lab.h"
#include "app/ui/rects.h"

namespace celab::app {

struct Fonts;

class LossLabPanel {
 public:
  // Widgets are recorded in `rects` as "lab-target/<k>" (the target buttons) and "classes" (the class
  // count field with its - and + buttons at the right end).
  LossLabPanel(LossLab& lab, UiRects& rects) : lab_(lab), rects_(rects) {}

  // Draws into the current window at the cursor, `width` wide.
  void draw(float width, const Fonts& fonts);

 private:
  float draw_logits_card(float width, float min_height, const Fonts& fonts);
  float draw_probabilities_card(float width, float min_height, const Fonts& fonts);
  void draw_target_selector();
  void draw_loss_card(float width, const Fonts& fonts);
  void draw_options_card(float width, const Fonts& fonts);

  LossLab& lab_;
  UiRects& rects_;
  float top_row_height_ = 0;                        // of the taller of the two top cards, last frame
  nn::CrossEntropyOptions<double> edited_options_;  // the options card's working copy
};

}  // namespace celab::app
