// celab-app: Cross-Entropy Lab as a program, the same source in the browser (WebAssembly + WebGL)
// and on the desktop (SDL2 + OpenGL 3). Structured like Dear ImGui's examples: a platform backend
// (sdl_platform.h), a renderer backend (gl_renderer.h), one main loop (main_loop.h), and the app.
// The model and the MNIST test digits are fetched by the page (web_bridge.cpp) or read from files
// (desktop: `celab-app [MODEL_FILE]`).
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "app/app.h"
#include "app/gl_renderer.h"
#include "app/main_loop.h"
#include "app/sdl_platform.h"
#include "app/theme.h"
#include "imgui.h"

#ifdef __EMSCRIPTEN__
#include "app/gl_context_epoch.h"
#include "app/web_access.h"
#include "app/web_bridge.h"
#include "app/web_confidence_bridge.h"
#include "app/web_failure.h"
#include "app/web_gl_context.h"
#include "app/web_language.h"
#include "app/web_share.h"
#include "app/web_training_bridge.h"
#else
#include "app/core/local_training_runner.h"
#include "data/file_bytes.h"
#include "data/idx.h"
#endif

namespace celab::app {
namespace {

// Owns the Dear ImGui context; constructed first, destroyed last.
struct ImGuiContextOwner {
  ImGuiContextOwner() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is the app's, not the user's
    // Tab and the arrow keys move a visible focus over the widgets, Space presses: the page works
    // without a mouse.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  }
  ~ImGuiContextOwner() { ImGui::DestroyContext(); }
  ImGuiContextOwner(const ImGuiContextOwner&) = delete;
  ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

uint64_t seed_from_clock() {
  return static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
}

class Program {
 public:
  Program() : platform_("Cross-Entropy Lab", 1280, 720), renderer_(platform_.glsl_version()), app_(seed_from_clock()) {}

  App& app() { return app_; }
#ifndef __EMSCRIPTEN__
  LocalTrainingRunner& training_runner() { return training_runner_; }
#endif
  const SdlPlatform& platform() const { return platform_; }

  // One frame: events, fonts for the current pixel ratio, UI, render. False once the window closed.
  bool frame() {
#ifdef __EMSCRIPTEN__
    // Without a context nothing can be drawn; events wait in SDL's queue, the state stays as it is.
    if (web_gl_context::lost()) return true;
    if (web_gl_context::take_restored()) {
      gl_context_epoch::begin_new();
      renderer_.remake_gl_objects();
    }
#endif
    input_.clear();
    if (!platform_.poll_events(input_)) return false;
#ifdef __EMSCRIPTEN__
    take_web_pointer_events(input_);
#endif
    const float ratio = platform_.pixel_ratio();
    if (ratio != fonts_pixel_ratio_ || app_.fonts_version() != fonts_version_) {
      app_.rebuild_fonts(ratio);
      // Before the first frame the renderer uploads the atlas itself.
      if (frames_drawn_ > 0) renderer_.reload_fonts_texture();
      fonts_pixel_ratio_ = ratio;
      fonts_version_ = app_.fonts_version();
    }
#ifndef __EMSCRIPTEN__
    training_runner_.pump(kTrainingSliceMs);
#endif
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
#ifdef __EMSCRIPTEN__
    web_frame_drawn(app_);
    web_access_frame(app_);
    web_language_frame();
#endif
    return true;
  }

 private:
  ImGuiContextOwner imgui_;
  SdlPlatform platform_;
  GlRenderer renderer_;
  App app_;
#ifndef __EMSCRIPTEN__
  // The desktop trains in the frame loop, a slice per frame (the page does it in a Web Worker).
  static constexpr double kTrainingSliceMs = 8;
  LocalTrainingRunner training_runner_{app_.state().training(),
                                       std::string(CELAB_SOURCE_DIR) + "/" + data::kMnistDefaultDir};
#endif
  FrameInput input_;
  float fonts_pixel_ratio_ = 0;  // none built yet
  unsigned fonts_version_ = 0;
  unsigned long frames_drawn_ = 0;
};

#ifndef __EMSCRIPTEN__
// The desktop reads the shipped model and MNIST's test set from the source tree (or MODEL_FILE).
void load_files(AppState& state, const std::string& model_path) {
  try {
    state.load_model(data::read_file_bytes(model_path), model_path);
  } catch (const std::exception& e) {
    state.model_failed(e.what());
  }
  const std::string dir = std::string(CELAB_SOURCE_DIR) + "/" + data::kMnistDefaultDir;
  try {
    state.load_test_digits(data::read_file_bytes(dir + "/t10k-images-idx3-ubyte"),
                           data::read_file_bytes(dir + "/t10k-labels-idx1-ubyte"), dir + "/t10k");
  } catch (const std::exception& e) {
    state.test_digits_failed(e.what());
  }
}
#endif

// The program cannot go on: says why (in the page on the web) and gives main()'s exit code.
int stopped(bool no_graphics, const char* why) {
#ifdef __EMSCRIPTEN__
  show_page_failure(no_graphics ? PageFailure::NoWebGL : PageFailure::Crash, why);
#else
  (void)no_graphics;
#endif
  std::fprintf(stderr, "celab-app: %s\n", why);
  return 1;
}

}  // namespace
}  // namespace celab::app

int main(int argc, char** argv) {
  try {
    // Static, not on main()'s stack: on the web the browser's main loop outlives main() (main_loop.h).
    static celab::app::Program program;
#ifdef __EMSCRIPTEN__
    (void)argc;
    (void)argv;
    // An exception in a frame stops the page with a message rather than leaving it frozen.
    static const auto guarded_frame = [] {
      try {
        return program.frame();
      } catch (const std::exception& e) {
        celab::app::stopped(false, e.what());
        return false;
      }
    };
    celab::app::install_web_bridge(program.app(), [] { guarded_frame(); });
    celab::app::web_gl_context::watch(program.platform().webgl_version());
    celab::app::install_web_share(program.app());
    celab::app::install_web_access(program.app());
    celab::app::install_web_language(program.app());
    celab::app::install_web_training(program.app());
    celab::app::install_web_confidence(program.app());
    celab::app::run_main_loop(guarded_frame);
#else
    if (argc > 2) {
      std::fprintf(stderr, "usage: celab-app [MODEL_FILE]\n");
      return 2;
    }
    // The Chinese font from the build's own cut-down copy (cmake/page_text.cmake).
    program.app().language().set_font_request([] {
      try {
        program.app().language().chinese_font_arrived(celab::data::read_file_bytes(CELAB_ZH_FONT));
      } catch (const std::exception& e) {
        program.app().language().chinese_font_failed(e.what());
      }
    });
    celab::app::AppState& state = program.app().state();
    celab::app::load_files(state, argc == 2 ? argv[1] : std::string(CELAB_SOURCE_DIR) + "/assets/model.celab");
    program.training_runner().set_starting_point(state.pipeline() ? &state.pipeline()->loaded_model() : nullptr,
                                                 state.test_digits());
    state.training().set_runner(&program.training_runner());
    celab::app::run_main_loop([] { return program.frame(); });
#endif
  } catch (const celab::app::GraphicsUnavailable& e) {
    return celab::app::stopped(true, e.what());
  } catch (const std::exception& e) {
    return celab::app::stopped(false, e.what());
  }
  return 0;
}
