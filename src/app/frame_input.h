// What the app needs from one frame's platform events beyond what Dear ImGui already sees.
//
// Dear ImGui 1.86 keeps key state, not key events: a key pressed and released between two frames
// (a quick tap, or a scripted press) never shows as down. The platform therefore also records each
// key press here, so shortcuts act on presses, however short.
#pragma once

#include <array>
#include <cstddef>

namespace celab::app {

enum class AppKey { Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9 };

// Digit value of a digit key, or -1.
constexpr int digit_of(AppKey key) {
  const int k = static_cast<int>(key);
  return k >= 0 && k <= 9 ? k : -1;
}

struct FrameInput {
  static constexpr std::size_t kMaxKeyPresses = 16;  // more per frame are dropped (no human types that fast)

  std::array<AppKey, kMaxKeyPresses> key_presses{};
  std::size_t key_press_count = 0;

  void clear() { key_press_count = 0; }
  void add_key_press(AppKey key) {
    if (key_press_count < kMaxKeyPresses) key_presses[key_press_count++] = key;
  }
  const AppKey* begin() const { return key_presses.data(); }
  const AppKey* end() const { return key_presses.data() + key_press_count; }
};

}  // namespace celab::app
