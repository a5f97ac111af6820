// celab-app: Cross-Entropy Lab as a program, the same source in the browser (WebAssembly + WebGL2)
// and on the desktop (SDL2 + OpenGL 3). Structured like Dear ImGui's examples: a platform backend
// (sdl_platform.h), a renderer backend (gl_renderer.h), one main loop (main_loop.h), and the app.
#include <cstdio>
#include <exception>

#include "app/app.h"
#include "app/gl_renderer.h"
#include "app/main_loop.h"
#include "app/sdl_platform.h"
#include "app/theme.h"
#include "imgui.h"

#ifdef __EMSCRIPTEN__
#include "app/web_bridge.h"
#endif

namespace celab::app {
namespace {

// Owns the Dear ImGui context; constructed first, destroyed last.
struct ImGuiContextOwner {
  ImGuiContextOwner() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is the app's, not the user's
  }
  ~ImGuiContextOwner() { ImGui::DestroyContext(); }
  ImGuiContextOwner(const ImGuiContextOwner&) = delete;
  ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

class Program {
 public:
  Program() : platform_("Cross-Entropy Lab", 1280, 720), renderer_(platform_.glsl_version()) {}

  App& app() { return app_; }

  // One frame: events, fonts for the current pixel ratio, UI, render. False once the window closed.
  bool frame() {
    input_.clear();
    if (!platform_.poll_events(input_)) return false;
    const float ratio = platform_.pixel_ratio();
    if (ratio != fonts_pixel_ratio_) {
      app_.rebuild_fonts(ratio);
      // Before the first frame the renderer uploads the atlas itself.
      if (frames_drawn_ > 0) renderer_.reload_fonts_texture();
      fonts_pixel_ratio_ = ratio;
    }
    renderer_.new_frame();
    platform_.new_frame();
    ImGui::NewFrame();
    app_.draw(input_);
    ImGui::Render();
    int width = 0, height = 0;
    platform_.drawable_size(width, height);
    renderer_.render(ImGui::GetDrawData(), width, height, theme::kClearRgb);
    platform_.swap();
    if (frames_drawn_++ == 0) on_first_frame();
    return true;
  }

 private:
  static void on_first_frame() {
#ifdef __EMSCRIPTEN__
    mark_web_ready();
#endif
  }

  ImGuiContextOwner imgui_;
  SdlPlatform platform_;
  GlRenderer renderer_;
  App app_;
  FrameInput input_;
  float fonts_pixel_ratio_ = 0;  // none built yet
  unsigned long frames_drawn_ = 0;
};

}  // namespace
}  // namespace celab::app

int main(int, char**) {
  try {
    // Static, not on main()'s stack: on the web the browser's main loop outlives main() (main_loop.h).
    static celab::app::Program program;
#ifdef __EMSCRIPTEN__
    celab::app::install_web_bridge(program.app());
#endif
    celab::app::run_main_loop([] { return program.frame(); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "celab-app: %s\n", e.what());
    return 1;
  }
  return 0;
}
