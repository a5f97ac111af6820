// The loss lab: the article's worked example, live. Logits on sliders (2 to 10 classes), the
// softmax probabilities, a target selector (buttons, and keys 0-9), and the cross-entropy computed
// three ways side by side: nn.CrossEntropyLoss, -x[y] + log Σ exp(x), and LogSoftmax + NLLLoss.
#pragma once

#include "app/frame_input.h"
#include "app/loss_lab.h"
#include "app/ui_rects.h"

namespace celab::app {

struct Fonts;

class LossLabPanel {
 public:
  // Widgets are recorded in `rects` as "target/<k>" (the target buttons) and "classes" (the class
  // count field with its - and + buttons at the right end).
  LossLabPanel(LossLab& lab, UiRects& rects) : lab_(lab), rects_(rects) {}

  // Draws into the current window at the cursor, `width` wide; digit keys in `input` pick the target.
  void draw(const FrameInput& input, float width, const Fonts& fonts);

 private:
  void handle_keys(const FrameInput& input);
  float draw_logits_card(float width, float min_height, const Fonts& fonts);
  float draw_probabilities_card(float width, float min_height, const Fonts& fonts);
  void draw_target_selector();
  void draw_loss_card(float width, const Fonts& fonts);

  LossLab& lab_;
  UiRects& rects_;
  float top_row_height_ = 0;  // of the taller of the two top cards, last frame
};

}  // namespace celab::app
