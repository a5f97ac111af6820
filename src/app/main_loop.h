// One main loop for both targets, drawing a frame only when something on the page may have changed
// (issue 20, core/frame_pacer.h): between frames it sleeps. The browser owns the loop on the web:
// frames run from requestAnimationFrame (emscripten_set_main_loop), the loop is paused while there
// is nothing to draw and resumed by the next request; main() never returns to the caller's stack.
// Natively it waits for SDL's next event or the next deadline (SDL_WaitEventTimeout).
#pragma once

#include <functional>

#include "app/core/frame_pacer.h"

namespace celab::app {

// Draws one frame and says what it leaves to do in `needs`; returns false once the program should
// stop (on the web: after a failure the page shows instead).
using FrameFunction = std::function<bool(FrameNeeds& needs)>;

// Runs `frame` whenever a frame is due, until it returns false.
void run_main_loop(FrameFunction frame);

// Something may have changed what the page shows (an input event, a file arrived, a setting
// changed from JavaScript): the next frames are drawn as soon as possible (FramePacer::wake).
// Safe to call anywhere, also during a frame and before the loop runs.
void request_frame();

// News of work in the background (the training worker's report, a download's progress): a frame
// at most FramePacer::kProgressInterval after the last one.
void request_progress_frame();

// Draws a frame now, outside the loop's schedule (the model arrived: the page shows it without
// waiting for the next animation frame, which software WebGL can delay by half a second).
void draw_frame_now();

// Holds all frames while `held` (a benchmark timing code without the page's frames in between).
void hold_frames(bool held);

// Seconds on the loop's clock (monotonic), for FrameNeeds deadlines.
double main_loop_now();

}  // namespace celab::app
