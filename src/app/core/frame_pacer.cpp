#include "app/core/frame_pacer.h"

#include <algorithm>

namespace celab::app {

void FramePacer::wake() { owed_ = std::max(owed_, kSettleFrames); }

void FramePacer::progress() { progress_pending_ = true; }

void FramePacer::frame_drawn(double now, const FrameNeeds& needs) {
  if (owed_ > 0) --owed_;
  progress_pending_ = false;
  needs_ = needs;
  last_frame_ = now;
}

double FramePacer::next_frame_at() const {
  if (owed_ > 0 || needs_.animating) return -kNoFrame;
  double at = needs_.deadline;
  if (progress_pending_) at = std::min(at, last_frame_ + kProgressInterval);
  return at;
}

}  // namespace celab::app
