// What Dear ImGui still needs after a frame (issue 20), asked of ImGui 1.86's own state rather
// than guessed: its animations and timers advance only in frames, by io.DeltaTime.
#pragma once

#include "app/core/frame_pacer.h"

namespace celab::app {

// Call after ImGui::Render(); `now` in seconds on frame_clock_now(). Animating while a key or
// mouse button is held (key repeat, keyboard navigation's repeat, a drag), an item is active (a
// slider being dragged), a keyboard navigation move or a scroll is under way, or the Ctrl+Tab
// window list or a modal's dimming fades; with a text field being typed in, its cursor's next blink
// is the deadline. (1.86 shows tooltips at once: no hover delay to wait for.)
FrameNeeds imgui_frame_needs(double now);

// A key is held down: frames time its repeat, so a slow frame must not count as a long press.
bool imgui_key_held();

}  // namespace celab::app
