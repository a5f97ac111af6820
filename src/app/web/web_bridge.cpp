#include "app/web/web_bridge.h"

#include <emscripten.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "app/core/page_text.h"
#include "app/core/state_report.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/web_app.h"
#include "app/web/js_text.h"

namespace celab::app {
namespace {

// File names in the site (cmake/web.cmake writes them).
constexpr const char* kModelFile = "model.celab";
constexpr const char* kDigitsName = "MNIST test digits";

void (*draw_frame_now)() = nullptr;
bool frame_drawn = false;    // at least one frame drawn: the UI exists
FrameInput pending_pointer;  // pointer events since the last frame (only pointer_events is used)
bool ready_reported = false;
bool error_reported = false;
nlohmann::json rect_report(const UiRect& r) {
  return {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

}  // namespace
}  // namespace celab::app

using namespace celab::app;

extern "C" {

// window.celab.state(): see state_report.h for the fields, and language ("en" | "zh").
EMSCRIPTEN_KEEPALIVE const char* celab_state_json() {
  // Read between frames: a change a widget made in the last frame is computed now, not at the next
  // frame (refresh() does nothing when nothing changed).
  web_app().state().refresh();
  nlohmann::json report = state_report(web_app().state());
  report["language"] = language_code(language());  // "en" | "zh" (page_text.h)
  return js_json(report);
}

EMSCRIPTEN_KEEPALIVE int celab_class_count() { return celab::nn::kClasses; }

EMSCRIPTEN_KEEPALIVE int celab_set_target(int target) {
  if (target < 0 || target >= celab::nn::kClasses) return 0;
  web_app().state().set_target(target);
  web_app().state().refresh();
  request_frame();
  return 1;
}

EMSCRIPTEN_KEEPALIVE void celab_clear() {
  web_app().state().pad().clear();
  web_app().state().refresh();
  request_frame();
}

// Something the page shows may have changed without an event SDL hears (web/celab_bridge.js: the
// device pixel ratio).
EMSCRIPTEN_KEEPALIVE void celab_request_frame() { request_frame(); }

EMSCRIPTEN_KEEPALIVE double celab_last_update_ms() {
  const PredictionPipeline* pipeline = web_app().state().pipeline();
  return pipeline ? pipeline->prediction().update_ms : NAN;
}

// Bytes the C++ heap has handed out and not freed (dlmalloc's count): the soak test watches it,
// because the wasm memory itself only ever grows and so cannot show memory that was given back.
EMSCRIPTEN_KEEPALIVE double celab_heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

EMSCRIPTEN_KEEPALIVE const char* celab_drawing_rect_json() { return js_json(rect_report(web_app().drawing_rect())); }

EMSCRIPTEN_KEEPALIVE const char* celab_rects_json() {
  nlohmann::json rects = nlohmann::json::object();
  web_app().ui_rects().for_each_current(
      [&rects](const std::string& name, const UiRect& rect) { rects[name] = rect_report(rect); });
  return js_json(rects);
}

// Fetched files arrive here; the bytes are the caller's and freed after the call.
EMSCRIPTEN_KEEPALIVE void celab_model_arrived(const uint8_t* bytes, int size) {
  web_app().state().load_model(std::span<const uint8_t>(bytes, static_cast<size_t>(size)), kModelFile);
  request_frame();
  if (frame_drawn) draw_frame_now();
}

// A pointer event on the canvas, in CSS pixels: action 0 down, 1 move, 2 up.
EMSCRIPTEN_KEEPALIVE void celab_pointer_event(int action, double x, double y, int touch) {
  const PointerAction actions[] = {PointerAction::Down, PointerAction::Move, PointerAction::Up};
  if (action < 0 || action > 2) return;
  pending_pointer.add_pointer_event({actions[action], static_cast<float>(x), static_cast<float>(y), touch != 0});
  request_frame();  // the next animation frame draws it, however long the page was idle
}

EMSCRIPTEN_KEEPALIVE void celab_model_failed(const char* reason) {
  web_app().state().model_failed(std::string(kModelFile) + ": " + reason);
  request_frame();
  if (frame_drawn) draw_frame_now();
}

EMSCRIPTEN_KEEPALIVE void celab_digits_arrived(const uint8_t* images, int images_size, const uint8_t* labels,
                                               int labels_size) {
  web_app().state().load_test_digits(std::span<const uint8_t>(images, static_cast<size_t>(images_size)),
                                     std::span<const uint8_t>(labels, static_cast<size_t>(labels_size)), kDigitsName);
  request_frame();
  request_frame();
}

EMSCRIPTEN_KEEPALIVE void celab_digits_failed(const char* reason) {
  web_app().state().test_digits_failed(std::string(kDigitsName) + ": " + reason);
  request_frame();
}

}  // extern "C"

// In web/celab_bridge.js (linked with --js-library).
extern "C" {
void celab_js_install();
void celab_js_mark_ready();
void celab_js_report_error(const char* message);
}

namespace celab::app {

void install_web_bridge(void (*draw_frame)()) {
  draw_frame_now = draw_frame;
  celab_js_install();
  install_web_code_bridge();
}

void take_web_pointer_events(FrameInput& input) {
  for (const PointerEvent& e : pending_pointer.pointer_events) input.add_pointer_event(e);
  pending_pointer.clear();
}

void web_frame_drawn() {
  frame_drawn = true;
  const AppState& s = web_app().state();
  if (!ready_reported && s.model_status() == LoadStatus::Ready) {
    ready_reported = true;
    celab_js_mark_ready();
  }
  if (!error_reported && s.model_status() == LoadStatus::Failed) {
    error_reported = true;
    celab_js_report_error(s.model_error().c_str());
  }
}

}  // namespace celab::app
