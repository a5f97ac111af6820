#include "app/web/web_confidence_bridge.h"

#include <emscripten.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "app/core/confidence_report.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/js_text.h"
#include "app/web/web_app.h"

// JavaScript inside: clang-format would take it for C++.
// clang-format off
EM_JS(void, celab_js_confidence_install, (), {
  var c = window.celab;
  var read = function (pointer) { return JSON.parse(UTF8ToString(pointer)); };
  c.setTemperature = function (t) {
    if (typeof t !== 'number' || !(t > 0) || !isFinite(t)) throw new RangeError('setTemperature(' + t + '): T must be a number > 0 (0.1..10)');
    _celab_set_temperature(t);
  };
  c.setUnits = function (units) {
    if (!celabWithString(String(units), _celab_set_units)) throw new RangeError('setUnits(' + units + "): not 'nats' or 'bits'");
  };
  c.calibration = function () { return read(_celab_calibration_json()); };
  c.confusion = function () { return read(_celab_confusion_json()); };
  c.hardest = function (n) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('hardest(' + n + '): n must be an integer >= 0');
    return read(_celab_hardest_json(n));
  };
  c.showTestDigit = function (i) {
    if (!Number.isInteger(i) || !_celab_show_test_digit(i)) throw new RangeError('showTestDigit(' + i + '): no test digit ' + i);
  };
});
// clang-format on

namespace celab::app {
namespace {

AppState& state() { return web_app().state(); }

const char* answer(const nlohmann::json& value) { return js_json(value); }

// The figures for window.celab: everything computed now.
const ConfidenceView& finished_view() {
  state().refresh();
  state().update_confidence(/*finish=*/true);
  return state().confidence();
}

}  // namespace

void install_web_confidence() {
  celab_js_confidence_install();
}

}  // namespace celab::app

using celab::app::state;

extern "C" {

EMSCRIPTEN_KEEPALIVE void celab_set_temperature(double t) {
  state().set_temperature(t);
  state().refresh();
  celab::app::request_frame();
}

EMSCRIPTEN_KEEPALIVE int celab_set_units(const char* name) {
  const auto units = celab::app::units_of_name(name);
  if (!units) return 0;
  state().set_units(*units);
  celab::app::request_frame();
  return 1;
}

EMSCRIPTEN_KEEPALIVE const char* celab_calibration_json() {
  return celab::app::answer(celab::app::calibration_report(celab::app::finished_view()));
}

EMSCRIPTEN_KEEPALIVE const char* celab_confusion_json() {
  return celab::app::answer(celab::app::confusion_report(celab::app::finished_view()));
}

EMSCRIPTEN_KEEPALIVE const char* celab_hardest_json(int n) {
  return celab::app::answer(celab::app::hardest_report(celab::app::finished_view(), n));
}

EMSCRIPTEN_KEEPALIVE int celab_show_test_digit(int i) {
  if (i < 0 || !state().load_test_digit(static_cast<size_t>(i))) return 0;
  state().refresh();
  celab::app::request_frame();
  return 1;
}

}  // extern "C"
