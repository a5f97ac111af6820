#include "app/platform/program.h"

#include <chrono>
#include <cstdint>

#include "app/ui/theme.h"

namespace celab::app {
namespace {

uint64_t seed_from_clock() {
  return static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
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
    : platform_("Cross-Entropy Lab", 1280, 720), renderer_(platform_.glsl_version()), app_(seed_from_clock()) {}

bool Program::frame(FrameHooks& hooks) {
  if (!hooks.can_draw(renderer_)) return true;
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
  hooks.after_frame(app_);
  return true;
}

}  // namespace celab::app
