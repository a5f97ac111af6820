#include "app/web_bridge.h"

#include <emscripten.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"

namespace celab::app {
namespace {

App* bridged_app = nullptr;
std::string json;  // the last answer; JS copies it out before the next call

void append_number(double value) {
  if (!std::isfinite(value)) {
    json += "null";  // JSON has no NaN or infinity
    return;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  json += text;
}

void append_numbers(const std::vector<double>& values) {
  json += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) json += ',';
    append_number(values[i]);
  }
  json += ']';
}

}  // namespace
}  // namespace celab::app

using celab::app::append_number;
using celab::app::append_numbers;
using celab::app::bridged_app;
using celab::app::json;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* celab_state_json() {
  const celab::app::LossLab& lab = bridged_app->loss_lab();
  const celab::app::LossLabResult& r = lab.result();
  json = "{\"logits\":";
  append_numbers(lab.logits());
  json += ",\"probabilities\":";
  append_numbers(r.probabilities);
  json += ",\"target\":" + std::to_string(lab.target()) + ",\"loss\":";
  append_number(r.cross_entropy);
  json += ",\"losses\":{\"crossEntropy\":";
  append_number(r.cross_entropy);
  json += ",\"formula\":";
  append_number(r.formula);
  json += ",\"logSoftmaxNll\":";
  append_number(r.log_softmax_nll);
  json += "}}";
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE int celab_set_target(int target) {
  celab::app::LossLab& lab = bridged_app->loss_lab();
  if (!lab.valid_target(target)) return 0;
  lab.set_target(target);
  return 1;
}

EMSCRIPTEN_KEEPALIVE const char* celab_rects_json() {
  json = "{";
  bridged_app->ui_rects().for_each_current([](const std::string& name, const celab::app::UiRect& rect) {
    if (json.size() > 1) json += ',';
    json += '"' + name + "\":{\"x\":";  // names are ours: plain ASCII, nothing to escape
    append_number(rect.x);
    json += ",\"y\":";
    append_number(rect.y);
    json += ",\"width\":";
    append_number(rect.width);
    json += ",\"height\":";
    append_number(rect.height);
    json += '}';
  });
  json += '}';
  return json.c_str();
}

}  // extern "C"

// Module-scope JS: the exported C functions are in scope as _name.
EM_JS(void, celab_js_install, (), {
  const read = (pointer) => JSON.parse(UTF8ToString(pointer));
  window.celab = {
    ready: false,
    state: () => read(_celab_state_json()),
    rects: () => read(_celab_rects_json()),
    setTarget: (k) => {
      if (!Number.isInteger(k) || k < 0 || k > 0x7fffffff || !_celab_set_target(k)) {
        throw new RangeError("setTarget(" + k + "): not a class of the current logits");
      }
    },
  };
});

EM_JS(void, celab_js_mark_ready, (), { window.celab.ready = true; });

namespace celab::app {

void install_web_bridge(App& app) {
  bridged_app = &app;
  celab_js_install();
}

void mark_web_ready() { celab_js_mark_ready(); }

}  // namespace celab::app
