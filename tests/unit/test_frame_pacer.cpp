// FramePacer: frames only when something may have changed (issue 20).
#include "app/core/frame_pacer.h"

#include <gtest/gtest.h>

namespace celab::app {
namespace {

// Draws frames for as long as the pacer wants them as soon as possible, 16 ms apart from `now`;
// returns how many and leaves `now` after the last.
int draw_while_due(FramePacer& pacer, double& now, FrameNeeds needs = {}) {
  int frames = 0;
  while (pacer.next_frame_at() <= now && frames < 100) {
    pacer.frame_drawn(now, needs);
    now += 0.016;
    ++frames;
  }
  return frames;
}

TEST(FramePacer, DrawsTheFirstFramesThenSleepsUntilWoken) {
  FramePacer pacer;
  double now = 0;
  EXPECT_EQ(draw_while_due(pacer, now), FramePacer::kSettleFrames);
  EXPECT_EQ(pacer.next_frame_at(), kNoFrame);
  now += 3600;  // an hour later: still nothing due
  EXPECT_EQ(pacer.next_frame_at(), kNoFrame);
}

TEST(FramePacer, AnEventAfterLongIdleIsDrawnAtOnceAndSettles) {
  FramePacer pacer;
  double now = 0;
  draw_while_due(pacer, now);
  now += 600;
  pacer.wake();
  EXPECT_LE(pacer.next_frame_at(), now);  // the next animation frame, not later
  EXPECT_EQ(draw_while_due(pacer, now), FramePacer::kSettleFrames);
  EXPECT_EQ(pacer.next_frame_at(), kNoFrame);
}

TEST(FramePacer, EventsDuringTheSettlingDoNotPileUp) {
  FramePacer pacer;
  double now = 0;
  draw_while_due(pacer, now);
  pacer.wake();
  pacer.frame_drawn(now, {});
  pacer.wake();
  pacer.wake();  // two events before the next frame: one settling, from the last
  EXPECT_EQ(draw_while_due(pacer, now), FramePacer::kSettleFrames);
}

TEST(FramePacer, AnimatingKeepsDrawingUntilDone) {
  FramePacer pacer;
  double now = 0;
  draw_while_due(pacer, now);
  pacer.wake();
  EXPECT_EQ(draw_while_due(pacer, now, {.animating = true}), 100);  // a key held: every frame
  pacer.frame_drawn(now, {});                                       // released
  EXPECT_EQ(pacer.next_frame_at(), kNoFrame);
}

TEST(FramePacer, ADeadlineWakesAtItsTime) {
  FramePacer pacer;
  double now = 0;
  draw_while_due(pacer, now);
  pacer.wake();
  const double blink = now + 0.5;  // a blinking text cursor
  EXPECT_EQ(draw_while_due(pacer, now, {.deadline = blink}), FramePacer::kSettleFrames);
  EXPECT_DOUBLE_EQ(pacer.next_frame_at(), blink);  // then nothing until the blink
}

TEST(FramePacer, ProgressIsDrawnAtMostTwelveTimesASecond) {
  FramePacer pacer;
  double now = 0;
  draw_while_due(pacer, now);
  now = 10;
  // The training worker reports every 30 ms for 3 s; frames are drawn when due.
  int frames = 0;
  for (double report = now; report < now + 3; report += 0.030) {
    pacer.progress();
    // Frames due before the next report.
    double t = report;
    while (pacer.next_frame_at() <= t + 0.030 && frames < 1000) {
      t = std::max(t, pacer.next_frame_at());
      pacer.frame_drawn(t, {});
      ++frames;
    }
  }
  EXPECT_GE(frames, 30);  // 3 s at 12 a second = 36, give or take the reports' phase
  EXPECT_LE(frames, 37);
  // The first report after idle is drawn at once.
  FramePacer idle;
  double t = 0;
  draw_while_due(idle, t);
  t = 100;
  idle.progress();
  EXPECT_LE(idle.next_frame_at(), t);
  idle.frame_drawn(t, {});
  EXPECT_EQ(idle.next_frame_at(), kNoFrame);  // no news, no frame
}

}  // namespace
}  // namespace celab::app
