#include "app/platform/imgui_frame_needs.h"

#include <cfloat>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"  // the context: active item, navigation, windows' scroll targets, text cursor

namespace celab::app {
namespace {

// ImGui 1.86's text cursor (imgui_widgets.cpp, InputTextEx): shown while CursorAnim <= 0 (just
// typed), then for 0.8 s of every 1.2 s.
constexpr float kBlinkPeriod = 1.20f;
constexpr float kBlinkShown = 0.80f;

// Seconds until the text cursor shows or hides next.
double until_next_blink(float cursor_anim) {
  if (cursor_anim <= 0) return kBlinkShown - cursor_anim;
  const float phase = std::fmod(cursor_anim, kBlinkPeriod);
  return phase <= kBlinkShown ? kBlinkShown - phase : kBlinkPeriod - phase;
}

bool any_held(const bool* down, int count) {
  for (int i = 0; i < count; ++i)
    if (down[i]) return true;
  return false;
}

bool any_scrolling(const ImGuiContext& g) {
  for (const ImGuiWindow* window : g.Windows)
    if (window->Active && (window->ScrollTarget.x != FLT_MAX || window->ScrollTarget.y != FLT_MAX)) return true;
  return false;
}

}  // namespace

bool imgui_key_held() {
  const ImGuiIO& io = ImGui::GetIO();
  return any_held(io.KeysDown, IM_ARRAYSIZE(io.KeysDown));
}

FrameNeeds imgui_frame_needs(double now) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = g.IO;
  FrameNeeds needs;
  const bool typing = io.WantTextInput && g.InputTextState.ID != 0 && g.InputTextState.ID == g.ActiveId;
  needs.animating = imgui_key_held() || any_held(io.MouseDown, IM_ARRAYSIZE(io.MouseDown)) ||
                    (g.ActiveId != 0 && !typing) || g.NavMoveSubmitted || g.NavMoveForwardToNextFrame ||
                    g.NavNextActivateId != 0 || g.NavWindowingTarget != nullptr ||
                    g.NavWindowingTargetAnim != nullptr || (g.DimBgRatio > 0 && g.DimBgRatio < 1) || any_scrolling(g);
  if (typing && io.ConfigInputTextCursorBlink)
    needs.deadline = now + until_next_blink(g.InputTextState.CursorAnim) + 0.01;  // just past the change
  return needs;
}

}  // namespace celab::app
