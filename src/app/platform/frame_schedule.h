// When the program draws its next frame (issue 20): one FramePacer (core/frame_pacer.h) for the
// program, told by whatever changes what the page shows. Each event on its way into SDL's queue asks
// for a frame (program.cpp); the page's bridges ask when JavaScript changed the state, a file
// arrived or the training reported (web/*.cpp). Each target's main loop draws when next_frame_at()
// is due and sleeps otherwise: platform/main_desktop.cpp on SDL_WaitEventTimeout, web/main_web.cpp
// with the browser's animation frames paused.
#pragma once

#include "app/core/frame_pacer.h"

namespace celab::app {

// The program's pacer; the main loop tells it of every frame drawn.
FramePacer& frame_pacer();

// Something may have changed what the page shows (an input event, a file arrived, a setting changed
// from JavaScript): the next frames are drawn as soon as possible (FramePacer::wake). Safe to call
// anywhere, also during a frame.
void request_frame();

// News of work in the background (the training worker's report, a download's progress): a frame
// at most FramePacer::kProgressInterval after the last one.
void request_progress_frame();

// The main loop's wake-up, called after each request (the page resumes its paused loop); one loop.
void set_frame_request_listener(void (*listener)());

// Seconds on the schedule's clock (monotonic): the time FramePacer is told and FrameNeeds deadlines.
double frame_clock_now();

}  // namespace celab::app
