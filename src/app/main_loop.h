// One main loop for both targets. The browser owns the loop on the web: the frame runs from
// requestAnimationFrame (emscripten_set_main_loop), and main() never returns to the caller's stack.
// Natively it is a plain while loop until the frame asks to quit.
#pragma once

#include <functional>
#include <utility>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace celab::app {

// `frame` draws one frame and returns false once the program should stop (on the web: after a
// failure the page shows instead).
inline void run_main_loop(std::function<bool()> frame) {
#ifdef __EMSCRIPTEN__
  // Lives as long as the page: simulate_infinite_loop unwinds main()'s stack without returning.
  static std::function<bool()> the_frame;
  the_frame = std::move(frame);
  emscripten_set_main_loop(
      [] {
        if (!the_frame()) emscripten_cancel_main_loop();
      },
      0, /*simulate_infinite_loop=*/true);
#else
  while (frame()) {
  }
#endif
}

}  // namespace celab::app
