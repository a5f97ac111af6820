#include "app/web_bridge.h"

#include <emscripten.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "app/app.h"

namespace celab::app {
namespace {

// File names in the site (cmake/web.cmake writes them).
constexpr const char* kModelFile = "model.celab";
constexpr const char* kDigitsName = "MNIST test digits";

App* bridged_app = nullptr;
void (*draw_frame_now)() = nullptr;
bool frame_drawn = false;  // at least one frame drawn: the UI exists
FrameInput pending_pointer;  // pointer events since the last frame (only pointer_events is used)
bool ready_reported = false;
bool error_reported = false;
std::string json;  // the last answer; JS copies it out before the next call

void append_number(double value, const char* format = "%.17g") {
  if (!std::isfinite(value)) {
    json += "null";  // JSON has no NaN or infinity
    return;
  }
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  json += text;
}

template <typename T>
void append_numbers(std::span<const T> values) {
  // Floats with 9 significant digits: enough to give back the exact float.
  const char* format = sizeof(T) == sizeof(float) ? "%.9g" : "%.17g";
  json += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) json += ',';
    append_number(static_cast<double>(values[i]), format);
  }
  json += ']';
}

void append_string(const std::string& text) {
  json += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      json += '\\';
      json += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      json += escaped;
    } else {
      json += c;
    }
  }
  json += '"';
}

void key(const char* name) {
  if (json.back() != '{') json += ',';
  json += '"';
  json += name;
  json += "\":";
}

void append_losses(const LossLabResult& r) {
  json += '{';
  key("crossEntropy");
  append_number(r.cross_entropy);
  key("formula");
  append_number(r.formula);
  key("logSoftmaxNll");
  append_number(r.log_softmax_nll);
  json += '}';
}

void append_loss_lab(const LossLab& lab) {
  json += '{';
  key("logits");
  append_numbers(std::span<const double>(lab.logits()));
  key("probabilities");
  append_numbers(std::span<const double>(lab.result().probabilities));
  key("target");
  json += std::to_string(lab.target());
  key("loss");
  append_number(lab.result().cross_entropy);
  key("losses");
  append_losses(lab.result());
  json += '}';
}

}  // namespace
}  // namespace celab::app

using namespace celab::app;

extern "C" {

// Everything a test or an embedding page may want to read, as JSON:
//   predicted, probabilities, logits, target, loss, input (784), gradLogits, hasDigit,
//   logitsFinite, label (of a loaded test digit, else null), brushRadius, updates (pipeline runs),
//   model ("loading" | "ready" | "failed"), error, testDigits (count), learn {steps, lossBefore,
//   lossAfter}, losses (the digit's loss three ways), lossLab {logits, probabilities, target, loss, losses}.
EMSCRIPTEN_KEEPALIVE const char* celab_state_json() {
  const AppState& s = bridged_app->state();
  const PredictionPipeline* pipeline = s.pipeline();
  static const Prediction kNoModel{};
  const Prediction& p = pipeline ? pipeline->prediction() : kNoModel;
  json = "{";
  key("predicted");
  json += std::to_string(p.predicted);
  key("probabilities");
  append_numbers(std::span<const float>(p.probabilities));
  key("logits");
  append_numbers(std::span<const float>(p.logits));
  key("target");
  json += std::to_string(s.target());
  key("loss");
  append_number(p.loss, "%.9g");
  key("input");
  append_numbers(std::span<const float>(p.input));
  key("gradLogits");
  append_numbers(std::span<const float>(p.grad_logits));
  key("hasDigit");
  json += p.has_digit ? "true" : "false";
  key("logitsFinite");
  json += p.logits_finite ? "true" : "false";
  key("label");
  json += s.pad().picture_label() ? std::to_string(*s.pad().picture_label()) : "null";
  key("brushRadius");
  append_number(s.pad().brush_radius());
  key("updates");
  json += std::to_string(p.updates);
  key("model");
  json += s.model_status() == LoadStatus::Ready ? "\"ready\"" : s.model_status() == LoadStatus::Failed ? "\"failed\"" : "\"loading\"";
  key("error");
  if (s.model_status() == LoadStatus::Failed) {
    append_string(s.model_error());
  } else {
    json += "null";
  }
  key("testDigits");
  json += std::to_string(s.test_digit_count());
  key("learn");
  json += '{';
  key("steps");
  json += std::to_string(pipeline ? pipeline->learn_steps() : 0);
  key("lossBefore");
  append_number(pipeline ? pipeline->last_learn_step().loss_before : NAN, "%.9g");
  key("lossAfter");
  append_number(pipeline ? pipeline->last_learn_step().loss_after : NAN, "%.9g");
  json += '}';
  key("losses");
  append_losses(s.digit_loss().result());
  key("lossLab");
  append_loss_lab(s.loss_lab());
  json += '}';
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE int celab_set_target(int target) {
  if (target < 0 || target >= kDigitClasses) return 0;
  bridged_app->state().set_target(target);
  bridged_app->state().refresh();
  return 1;
}

EMSCRIPTEN_KEEPALIVE void celab_clear() {
  bridged_app->state().pad().clear();
  bridged_app->state().refresh();
}

EMSCRIPTEN_KEEPALIVE double celab_last_update_ms() {
  const PredictionPipeline* pipeline = bridged_app->state().pipeline();
  return pipeline ? pipeline->prediction().update_ms : NAN;
}

// Bytes the C++ heap has handed out and not freed (dlmalloc's count): the soak test watches it,
// because the wasm memory itself only ever grows and so cannot show memory that was given back.
EMSCRIPTEN_KEEPALIVE double celab_heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

EMSCRIPTEN_KEEPALIVE const char* celab_drawing_rect_json() {
  const UiRect& r = bridged_app->drawing_rect();
  json = "{";
  key("x");
  append_number(r.x);
  key("y");
  append_number(r.y);
  key("width");
  append_number(r.width);
  key("height");
  append_number(r.height);
  json += '}';
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* celab_rects_json() {
  json = "{";
  bridged_app->ui_rects().for_each_current([](const std::string& name, const UiRect& rect) {
    key(name.c_str());  // names are ours: plain ASCII, nothing to escape
    json += '{';
    key("x");
    append_number(rect.x);
    key("y");
    append_number(rect.y);
    key("width");
    append_number(rect.width);
    key("height");
    append_number(rect.height);
    json += '}';
  });
  json += '}';
  return json.c_str();
}

// Fetched files arrive here; the bytes are the caller's and freed after the call.
EMSCRIPTEN_KEEPALIVE void celab_model_arrived(const uint8_t* bytes, int size) {
  bridged_app->state().load_model(std::span<const uint8_t>(bytes, static_cast<size_t>(size)), kModelFile);
  if (frame_drawn) draw_frame_now();
}

// A pointer event on the canvas, in CSS pixels: action 0 down, 1 move, 2 up.
EMSCRIPTEN_KEEPALIVE void celab_pointer_event(int action, double x, double y, int touch) {
  const PointerAction actions[] = {PointerAction::Down, PointerAction::Move, PointerAction::Up};
  if (action < 0 || action > 2) return;
  pending_pointer.add_pointer_event({actions[action], static_cast<float>(x), static_cast<float>(y), touch != 0});
}

EMSCRIPTEN_KEEPALIVE void celab_model_failed(const char* reason) {
  bridged_app->state().model_failed(std::string(kModelFile) + ": " + reason);
  if (frame_drawn) draw_frame_now();
}

EMSCRIPTEN_KEEPALIVE void celab_digits_arrived(const uint8_t* images, int images_size, const uint8_t* labels,
                                               int labels_size) {
  bridged_app->state().load_test_digits(std::span<const uint8_t>(images, static_cast<size_t>(images_size)),
                                        std::span<const uint8_t>(labels, static_cast<size_t>(labels_size)),
                                        kDigitsName);
}

EMSCRIPTEN_KEEPALIVE void celab_digits_failed(const char* reason) {
  bridged_app->state().test_digits_failed(std::string(kDigitsName) + ": " + reason);
}

}  // extern "C"

// Module-scope JS: the exported C functions are in scope as _name.
EM_JS(void, celab_js_install, (), {
  const read = (pointer) => JSON.parse(UTF8ToString(pointer));
  // web/index.html made window.celab (ready, error) before the module loaded.
  Object.assign(window.celab, {
    state: () => read(_celab_state_json()),
    drawingRect: () => read(_celab_drawing_rect_json()),
    rects: () => read(_celab_rects_json()),
    timings: () => ({ lastUpdateMs: _celab_last_update_ms() }),
    memory: () => ({ wasmBytes: HEAPU8.length, heapBytesInUse: _celab_heap_bytes_in_use() }),
    clear: () => _celab_clear(),
    setTarget: (k) => {
      if (!Number.isInteger(k) || k < 0 || k > 9 || !_celab_set_target(k)) {
        throw new RangeError("setTarget(" + k + "): the target must be a class 0..9");
      }
    },
  });

  // The drawing takes pointer events from the browser: every sample of a fast stroke (the browser
  // coalesces moves into one event per frame; getCoalescedEvents has them all), at the browser's
  // sub-pixel precision. One pointer draws at a time: the first one down.
  const canvas = Module.canvas;
  let drawingPointer = null;
  const send = (action, e) => {
    const r = canvas.getBoundingClientRect();
    _celab_pointer_event(action, e.clientX - r.left, e.clientY - r.top, e.pointerType === "touch" ? 1 : 0);
  };
  canvas.addEventListener("pointerdown", (e) => {
    if (drawingPointer !== null || e.button !== 0) return;
    drawingPointer = e.pointerId;
    send(0, e);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (e.pointerId !== drawingPointer) return;
    const samples = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    (samples.length > 0 ? samples : [e]).forEach((sample) => send(1, sample));
  });
  const end = (e) => {
    if (e.pointerId !== drawingPointer) return;
    drawingPointer = null;
    send(2, e);
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  // Bytes into the wasm heap for the duration of one call.
  const withBytes = (arrays, use) => {
    const pointers = arrays.map((a) => { const p = _malloc(Math.max(1, a.length)); HEAPU8.set(a, p); return p; });
    try { use(pointers); } finally { pointers.forEach((p) => _free(p)); }
  };
  const withString = (text, use) => {
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    try { use(p); } finally { _free(p); }
  };
  // web/index.html started the downloads before the module loaded.
  const downloads = window.celabDownloads;
  if (!downloads) {
    withString("the page did not start the downloads (window.celabDownloads is missing)", _celab_model_failed);
    return;
  }
  downloads.model.then(
    (bytes) => withBytes([bytes], ([p]) => _celab_model_arrived(p, bytes.length)),
    (e) => withString(e.message, _celab_model_failed));
  downloads.digits.then(
    ([images, labels]) => withBytes([images, labels], ([i, l]) => _celab_digits_arrived(i, images.length, l, labels.length)),
    (e) => withString(e.message, _celab_digits_failed));
});

// readyAtMs: milliseconds from the start of the navigation (performance.now()), for the budget bench.
EM_JS(void, celab_js_mark_ready, (), {
  window.celab.readyAtMs = performance.now();
  window.celab.ready = true;
});
EM_JS(void, celab_js_report_error, (const char* message), { window.celab.error = UTF8ToString(message); });

namespace celab::app {

void install_web_bridge(App& app, void (*draw_frame)()) {
  bridged_app = &app;
  draw_frame_now = draw_frame;
  celab_js_install();
}

void take_web_pointer_events(FrameInput& input) {
  for (const PointerEvent& e : pending_pointer.pointer_events) input.add_pointer_event(e);
  pending_pointer.clear();
}

void web_frame_drawn(App& app) {
  frame_drawn = true;
  const AppState& s = app.state();
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
