// The one contract every card of the page follows (cards/ holds one card a file; page/page_layout.cpp
// puts each on the page). A frame first hands its input to every card (apply_input), then the state
// computes once (AppState::refresh), then every card draws what the state holds (draw): so where a
// card sits in the frame changes nothing another card shows. A widget's change to the state shows
// from the next frame on, in every card alike.
#pragma once

#include "app/core/app_state.h"
#include "app/ui/fonts.h"
#include "app/ui/frame_input.h"
#include "app/ui/rects.h"

namespace celab::app {

// What a card draws from and records into; lives as long as the page (the App owns it).
struct CardContext {
  AppState& state;
  UiRects& rects;      // named widgets, for tests and the keyboard focus (rects.h)
  const Fonts& fonts;  // rebuilt in place when the pixel ratio or the language's font changes
};

class Card {
 public:
  explicit Card(const CardContext& context) : state_(context.state), rects_(context.rects), fonts_(context.fonts) {}
  virtual ~Card() = default;
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;

  // A short stable name, e.g. "prediction".
  virtual const char* id() const = 0;

  // Before the state computes the frame: takes the frame's input meant for this card (the drawing
  // card's strokes, at the area drawn last frame: where the user saw it). Most cards take none.
  virtual void apply_input(const FrameInput& /*input*/) {}

  // Draws the card (its background and border, content() inside its padding) at the cursor, `width`
  // wide and at least `min_height` tall; returns the height its content needed (card_row.h gives
  // cards side by side the height of the tallest).
  float draw(float width, float min_height);

 protected:
  // The card's content, widgets::card_inner_width() wide, its title first (widgets::card_title).
  virtual void content() = 0;

  AppState& state_;
  UiRects& rects_;
  const Fonts& fonts_;
};

}  // namespace celab::app
