#include "app/platform/frame_schedule.h"

#include <chrono>

namespace celab::app {
namespace {

FramePacer pacer;
void (*request_listener)() = nullptr;

void tell_listener() {
  if (request_listener) request_listener();
}

}  // namespace

FramePacer& frame_pacer() { return pacer; }

void request_frame() {
  pacer.wake();
  tell_listener();
}

void request_progress_frame() {
  pacer.progress();
  tell_listener();
}

void set_frame_request_listener(void (*listener)()) { request_listener = listener; }

double frame_clock_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace celab::app
