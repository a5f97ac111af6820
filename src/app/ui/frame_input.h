// What the app needs from one frame's platform events beyond what Dear ImGui already sees.
//
// Dear ImGui 1.86 keeps key and mouse state, not events: a key pressed and released between two
// frames (a quick tap, or a scripted press) never shows as down, and of a fast mouse stroke it sees
// one position per frame. The platform therefore also records here, in order, each shortcut key
// press and every pointer event (mouse or one finger), so shortcuts act on presses however short
// and the drawing gets every point of a stroke (in the browser including the moves it coalesced
// into one event per frame).
#pragma once

#include <array>
#include <cstddef>

namespace celab::app {

// The ten digits on one line read as what they are.
// clang-format off
enum class AppKey {
  Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
  Clear,  // C
  Undo,   // Ctrl+Z (Cmd+Z on a Mac)
};
// clang-format on

// Digit value of a digit key, or -1.
constexpr int digit_of(AppKey key) {
  const int k = static_cast<int>(key);
  return k >= 0 && k <= 9 ? k : -1;
}

enum class PointerAction { Down, Move, Up };

// A primary-button mouse event or an event of the first finger, in window units (CSS pixels).
struct PointerEvent {
  PointerAction action = PointerAction::Move;
  float x = 0, y = 0;
  bool touch = false;
};

// A fixed-capacity list: recording events allocates nothing.
template <typename T, std::size_t Capacity>
class EventList {
 public:
  // False (and dropped) when full.
  bool add(const T& item) {
    if (count_ == Capacity) return false;
    items_[count_++] = item;
    return true;
  }
  void clear() { count_ = 0; }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  T& back() { return items_[count_ - 1]; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + count_; }

 private:
  std::array<T, Capacity> items_{};
  std::size_t count_ = 0;
};

struct FrameInput {
  EventList<AppKey, 16> key_presses;  // more per frame are dropped (no human types that fast)
  EventList<PointerEvent, 1024> pointer_events;

  void clear() {
    key_presses.clear();
    pointer_events.clear();
  }
  // Moves beyond the capacity replace the last move, so the stroke still ends where the pointer is.
  void add_pointer_event(const PointerEvent& event) {
    if (pointer_events.add(event)) return;
    if (event.action == PointerAction::Move && pointer_events.back().action == PointerAction::Move)
      pointer_events.back() = event;
  }
};

}  // namespace celab::app
