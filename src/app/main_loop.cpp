#include "app/main_loop.h"

#include <chrono>
#include <cmath>
#include <utility>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/eventloop.h>
#else
#include <SDL.h>
#endif

namespace celab::app {
namespace {

FramePacer pacer;
FrameFunction the_frame;
bool in_frame = false;
bool stopped = false;
bool held = false;

// One frame through the pacer. False once the program stops.
bool run_frame() {
  FrameNeeds needs;
  in_frame = true;
  const bool go_on = the_frame(needs);
  in_frame = false;
  pacer.frame_drawn(main_loop_now(), needs);
  return go_on;
}

#ifdef __EMSCRIPTEN__
bool paused = false;  // the browser's loop paused: no animation-frame callbacks at all
long timer = 0;       // a setTimeout that resumes the loop at the next deadline, or 0

void on_timer(void*);

// Runs the browser's loop while a frame is due at once; otherwise pauses it, with a timer for a
// frame due later. Called after every frame and every request.
void schedule() {
  if (stopped || !the_frame) return;
  if (timer != 0) {
    emscripten_clear_timeout(timer);
    timer = 0;
  }
  const double at = held ? kNoFrame : pacer.next_frame_at();
  const double now = main_loop_now();
  if (at <= now) {
    if (paused) {
      paused = false;
      emscripten_resume_main_loop();
    }
    return;
  }
  if (!paused) {
    paused = true;
    emscripten_pause_main_loop();
  }
  if (at != kNoFrame) timer = emscripten_set_timeout(on_timer, std::ceil((at - now) * 1000), nullptr);
}

void on_timer(void*) {
  timer = 0;
  schedule();
}

void browser_frame() {
  if (!run_frame()) {
    stopped = true;
    emscripten_cancel_main_loop();
    return;
  }
  schedule();
}
#endif

}  // namespace

double main_loop_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void request_frame() {
  pacer.wake();
#ifdef __EMSCRIPTEN__
  if (!in_frame) schedule();
#endif
}

void request_progress_frame() {
  pacer.progress();
#ifdef __EMSCRIPTEN__
  if (!in_frame) schedule();
#endif
}

void draw_frame_now() {
  if (in_frame || stopped || !the_frame) return;
#ifdef __EMSCRIPTEN__
  browser_frame();
#else
  stopped = !run_frame();
#endif
}

void hold_frames(bool hold) {
  held = hold;
#ifdef __EMSCRIPTEN__
  schedule();
#endif
}

void run_main_loop(FrameFunction frame) {
  the_frame = std::move(frame);
#ifdef __EMSCRIPTEN__
  // Lives as long as the page: simulate_infinite_loop unwinds main()'s stack without returning.
  emscripten_set_main_loop(browser_frame, 0, /*simulate_infinite_loop=*/true);
#else
  while (!stopped) {
    const double at = held ? kNoFrame : pacer.next_frame_at();
    const double now = main_loop_now();
    if (at > now) {
      // Any event wakes the pacer on its way into SDL's queue (the platform's event watch).
      if (at == kNoFrame) {
        SDL_WaitEvent(nullptr);
      } else {
        SDL_WaitEventTimeout(nullptr, static_cast<int>(std::ceil((at - now) * 1000)));
      }
      continue;
    }
    stopped = !run_frame();
  }
#endif
}

}  // namespace celab::app
