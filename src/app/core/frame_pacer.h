// When the app draws a frame: only when something on the page may have changed (issue 20). An
// input event, a download's or the training's news, a new language or link wakes it; after each
// frame the app and Dear ImGui say what they still need (FrameNeeds); in between nothing runs. Each
// target's main loop asks next_frame_at() after each frame and sleeps until then
// (platform/frame_schedule.h).
// Times are seconds on one monotonic clock, given by the caller (the tests drive their own).
#pragma once

#include <limits>

namespace celab::app {

inline constexpr double kNoFrame = std::numeric_limits<double>::infinity();

// What a frame just drawn leaves to do.
struct FrameNeeds {
  bool animating = false;      // the next frame as soon as possible: a key held, a scroll or work under way
  double deadline = kNoFrame;  // a frame at this time: a text cursor's next blink
};

class FramePacer {
 public:
  // Frames drawn after an event, its own included: Dear ImGui shows a hover or a press one frame
  // late, and cards that size themselves from the last frame (row heights) settle on the second.
  static constexpr int kSettleFrames = 3;
  // While work in the background reports (the training worker about every 30 ms, a download per
  // chunk), frames at most this often: 12 a second shows the counters and the loss curve moving
  // smoothly to the eye, and leaves the machine to the training (software WebGL draws a frame of
  // the page in tens of milliseconds of CPU; at the display's 60 a second it took a core).
  static constexpr double kProgressInterval = 1.0 / 12;

  // Something may have changed what the page shows: the next kSettleFrames frames as soon as possible.
  void wake();
  // News of work in the background: a frame no sooner than kProgressInterval after the last one.
  void progress();
  // After each frame drawn at `now`, with what it leaves to do.
  void frame_drawn(double now, const FrameNeeds& needs);

  // When the next frame is due: a time at or before now (draw at the next animation frame), a later
  // time (sleep until then), or kNoFrame (sleep until woken).
  double next_frame_at() const;

 private:
  int owed_ = kSettleFrames;  // the first frames of the program
  bool progress_pending_ = false;
  FrameNeeds needs_;
  double last_frame_ = -kNoFrame;
};

}  // namespace celab::app
