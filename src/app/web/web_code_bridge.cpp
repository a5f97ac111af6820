// The loss lab's, the mistakes' and the "PyTorch code" members of window.celab (web build only;
// web/celab_bridge.js defines them over these functions):
//   pytorchCode(card)   the program of card 'drawing' | 'lossLab' | 'batch' (src/app/core/pytorch_code.h);
//                       an Error with the card's message when there is none yet
//   setLossLab({logits, target, weight, labelSmoothing, reduction, ignoreIndex})
//                       fields not given keep their value, weight null = no class weights; an invalid
//                       value throws a RangeError with the card's message and changes nothing
//   mistakes()          [{id, on, message, loss}] (src/app/core/loss_lab_report.h)
//   setMistake(id, on)  switches one mistake (on: the others go off); RangeError for an unknown id
#include <emscripten.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app/core/loss_lab_report.h"
#include "app/core/page_text.h"
#include "app/core/pytorch_code.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/ui/code_button.h"
#include "app/web/js_text.h"
#include "app/web/web_app.h"
#include "app/web/web_bridge.h"

namespace {

celab::app::AppState& state() { return celab::app::web_app().state(); }

const char* reply(std::string text) { return celab::app::js_text(std::move(text)); }

}  // namespace

extern "C" {

// web/celab_bridge.js: navigator.clipboard.writeText, answering through celab_code_copied.
void celab_js_copy_code(const char* text);

// The clipboard's answer to the last "PyTorch code" copy.
EMSCRIPTEN_KEEPALIVE void celab_code_copied(int copied) {
  celab::app::CodeButton::clipboard_answered(copied != 0);
  celab::app::request_frame();
}

// {"code": program} or {"error": message}.
EMSCRIPTEN_KEEPALIVE const char* celab_pytorch_code(const char* card) {
  if (std::string(card) == celab::app::code_card_name(celab::app::CodeCard::Batch)) state().update_batch(true);
  const celab::app::CardProgram p = celab::app::card_program(state(), card, celab::app::language());
  return reply((p.error.empty() ? nlohmann::json{{"code", p.code}} : nlohmann::json{{"error", p.error}}).dump());
}

// "" when applied, else the message. `fields` is JSON text.
EMSCRIPTEN_KEEPALIVE const char* celab_set_loss_lab(const char* fields) {
  const nlohmann::json parsed = nlohmann::json::parse(fields, nullptr, /*allow_exceptions=*/false);
  const char* why_not = reply(celab::app::set_loss_lab(state().loss_lab(), parsed, celab::app::language()));
  celab::app::request_frame();
  return why_not;
}

EMSCRIPTEN_KEEPALIVE const char* celab_mistakes_json() {
  return reply(celab::app::mistakes_report(state().loss_lab()).dump());
}

EMSCRIPTEN_KEEPALIVE const char* celab_set_mistake(const char* id, int on) {
  const char* why_not = reply(celab::app::set_mistake(state().loss_lab(), id, on != 0, celab::app::language()));
  celab::app::request_frame();
  return why_not;
}

}  // extern "C"

namespace celab::app {

void install_web_code_bridge() {
  CodeButton::set_copier([](const std::string& code) { celab_js_copy_code(code.c_str()); });
}

}  // namespace celab::app
