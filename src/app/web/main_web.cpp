// The page: Cross-Entropy Lab in the browser (WebAssembly + WebGL). The browser owns the loop: each
// frame runs from requestAnimationFrame (emscripten_set_main_loop) and main() never returns to its
// caller's stack. Frames run only while one is due (platform/frame_schedule.h): otherwise the loop
// is paused, no animation-frame callback at all, and a request or a deadline resumes it; the canvas
// keeps showing the last frame meanwhile. The model and the MNIST test digits are fetched by the page (web_bridge.cpp);
// training runs in a Web Worker (web_training_bridge.cpp). The desktop's main() is
// platform/main_desktop.cpp.
#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <cmath>
#include <cstdio>
#include <exception>

#include "app/platform/frame_schedule.h"
#include "app/platform/program.h"
#include "app/ui/gl_context_epoch.h"
#include "app/web/web_access.h"
#include "app/web/web_app.h"
#include "app/web/web_bridge.h"
#include "app/web/web_confidence_bridge.h"
#include "app/web/web_failure.h"
#include "app/web/web_gl_context.h"
#include "app/web/web_language.h"
#include "app/web/web_share.h"
#include "app/web/web_training_bridge.h"

namespace celab::app {
namespace {

class WebHooks : public FrameHooks {
 public:
  bool can_draw(GlRenderer& renderer) override {
    // Without a context nothing can be drawn; events wait in SDL's queue, the state stays as it is.
    if (web_gl_context::lost()) return false;
    if (web_gl_context::take_restored()) {
      gl_context_epoch::begin_new();
      renderer.remake_gl_objects();
    }
    return true;
  }
  void add_input(FrameInput& input) override { take_web_pointer_events(input); }
  void after_frame(App& /*app*/) override {
    web_frame_drawn();
    web_access_frame();
    web_language_frame();
  }
};

// The page cannot go on: says why in the page (in place of the canvas) and on the console.
void stopped(PageFailure failure, const char* why) {
  show_page_failure(failure, why);
  std::fprintf(stderr, "celab-app: %s\n", why);
}

// Static, not on main()'s stack: the browser's main loop outlives main().
Program* program = nullptr;
WebHooks hooks;

bool in_frame = false;
bool running = true;  // until a frame fails
bool paused = false;  // the browser's loop paused: no animation-frame callbacks
long timer = 0;       // a setTimeout that resumes the loop at the next deadline, or 0

void schedule();

void on_timer(void*) {
  timer = 0;
  schedule();
}

// Runs the browser's loop while a frame is due at once; otherwise pauses it, with a timer for a
// frame due later. After every frame and every request.
void schedule() {
  if (in_frame || !running) return;
  if (timer != 0) {
    emscripten_clear_timeout(timer);
    timer = 0;
  }
  const double due = frame_pacer().next_frame_at();
  const double now = frame_clock_now();
  if (due <= now) {
    if (paused) {
      paused = false;
      emscripten_resume_main_loop();  // the next animation frame draws
    }
    return;
  }
  if (!paused) {
    paused = true;
    emscripten_pause_main_loop();
  }
  if (due != kNoFrame) timer = emscripten_set_timeout(on_timer, std::ceil((due - now) * 1000), nullptr);
}

// One frame; an exception in it stops the page with a message rather than leaving it frozen.
void guarded_frame() {
  if (!running || in_frame) return;
  in_frame = true;
  try {
    running = program->frame(hooks);
  } catch (const std::exception& e) {
    stopped(PageFailure::Crash, e.what());
    running = false;
  }
  in_frame = false;
  if (!running) {
    emscripten_cancel_main_loop();
    return;
  }
  schedule();
}

}  // namespace
}  // namespace celab::app

int main() {
  using namespace celab::app;
  try {
    static Program the_program;
    program = &the_program;
    set_web_app(program->app());
    install_web_bridge([] { guarded_frame(); });
    web_gl_context::watch(program->platform().webgl_version());
    install_web_share();
    install_web_access();
    install_web_language();
    install_web_training();
    install_web_confidence();
    set_frame_request_listener(schedule);
    // simulate_infinite_loop: unwinds main()'s stack without returning; the loop lives as long as the page.
    emscripten_set_main_loop(guarded_frame, 0, /*simulate_infinite_loop=*/true);
  } catch (const GraphicsUnavailable& e) {
    stopped(PageFailure::NoWebGL, e.what());
    return 1;
  } catch (const std::exception& e) {
    stopped(PageFailure::Crash, e.what());
    return 1;
  }
  return 0;
}
