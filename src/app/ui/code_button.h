// "PyTorch code" on a card that shows a loss: the button copies the card's program
// (app/core/pytorch_code.h) to the clipboard and opens a selectable, read-only text box with it
// under the button, since some browsers refuse the clipboard. The box follows the card while open.
#pragma once

#include <string>

#include "app/core/app_state.h"
#include "app/core/pytorch_code.h"
#include "app/ui/rects.h"

namespace celab::app {

class CodeButton {
 public:
  // What puts text into the clipboard: on the web navigator.clipboard, which answers later through
  // clipboard_answered(); on the desktop ImGui's clipboard, at once.
  using Copier = void (*)(const std::string& text);
  static void set_copier(Copier copier);
  // The clipboard took the last copy (or refused it).
  static void clipboard_answered(bool copied);

  // Records "code/<card>" (the button) and "code/<card>/box" (the box, while open) in `rects`.
  CodeButton(CodeCard card, const AppState& state, UiRects& rects) : card_(card), state_(state), rects_(rects) {}

  // The button at the cursor (pressing it again hides the box), and its width.
  void draw_button();
  // The button at the right end of the current line (a card's title line) when it fits there, else
  // on the next line; `left` and `width`: the card's inner left edge (window-local x) and width.
  void draw_button_at_right(float left, float width);
  float button_width() const;
  // While open: the note, whether the clipboard took it, and the program; `width` wide.
  void draw_box(float width);
  bool open() const { return open_; }

 private:
  CodeCard card_;
  const AppState& state_;
  UiRects& rects_;
  bool open_ = false;
  std::string code_;  // what the box shows (a C string buffer for ImGui: never edited)
};

}  // namespace celab::app
