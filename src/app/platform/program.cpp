#include "app/platform/program.h"

#include <chrono>
#include <cstdint>

#include "app/platform/frame_schedule.h"
#include "app/platform/imgui_frame_needs.h"
#include "app/ui/theme.h"

namespace celab::app {
namespace {

uint64_t seed_from_clock() {
  return static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
}

// Every event on its way into SDL's queue (input, window, focus) asks for a frame. Not the marker
// SDL_PollEvent itself queues at the end of each poll (SDL 2.24+): each frame would ask for the next.
int on_sdl_event(void*, SDL_Event* event) {
  if (event->type != SDL_POLLSENTINEL) request_frame();
  return 0;
}

}  // namespace

ImGuiContextOwner::ImGuiContextOwner() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is the app's, not the user's
  // Tab and the arrow keys move a visible focus over the widgets, Space presses: the page works
  // without a mouse.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
}

ImGuiContextOwner::~ImGuiContextOwner() { ImGui::DestroyContext(); }

Program::Program()
    : platform_("Cross-Entropy Lab", 1280, 720), renderer_(platform_.glsl_version()), app_(seed_from_clock()) {
  SDL_AddEventWatch(on_sdl_event, nullptr);
}

Program::~Program() { SDL_DelEventWatch(on_sdl_event, nullptr); }

bool Program::frame(FrameHooks& hooks) {
  if (!hooks.can_draw(renderer_)) {
    frame_pacer().frame_drawn(frame_clock_now(), {});  // nothing until the target can draw again
    return true;
  }
  input_.clear();
  if (!platform_.poll_events(input_)) return false;
  hooks.add_input(input_);
  const float ratio = platform_.pixel_ratio();
  if (ratio != fonts_pixel_ratio_ || app_.fonts_version() != fonts_version_) {
    app_.rebuild_fonts(ratio);
    // Before the first frame the renderer uploads the atlas itself.
    if (frames_drawn_ > 0) renderer_.reload_fonts_texture();
    fonts_pixel_ratio_ = ratio;
    fonts_version_ = app_.fonts_version();
  }
  hooks.before_ui();
  renderer_.new_frame();
  platform_.new_frame();
  ImGui::NewFrame();
  app_.draw(input_);
  ImGui::Render();
  int width = 0, height = 0;
  platform_.drawable_size(width, height);
  renderer_.render(ImGui::GetDrawData(), width, height, theme::kClearRgb);
  platform_.swap();
  ++frames_drawn_;
  FrameNeeds needs = imgui_frame_needs(frame_clock_now());
  needs.animating = needs.animating || app_.frame_needs().animating || platform_.events_waiting();
  hooks.add_needs(needs);
  frame_pacer().frame_drawn(frame_clock_now(), needs);
  hooks.after_frame(app_);
  return true;
}

}  // namespace celab::app
