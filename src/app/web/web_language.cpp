#include "app/web/web_language.h"

#include <emscripten.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/page_text.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/web_app.h"

namespace celab::app {
namespace {

std::optional<Language> told;  // the language the HTML was last told

}  // namespace
}  // namespace celab::app

extern "C" {

// web/celab_language.js
void celab_js_install_language();
void celab_js_fetch_chinese_font();
void celab_js_language_changed(const char* code);

// 0 English, 1 Chinese: as the header's buttons.
EMSCRIPTEN_KEEPALIVE void celab_choose_language(int chinese) {
  celab::app::web_app().language().choose(chinese ? celab::app::Language::Chinese : celab::app::Language::English);
  celab::app::request_frame();
}

// The font's bytes are the caller's and freed after the call.
EMSCRIPTEN_KEEPALIVE void celab_chinese_font_arrived(const uint8_t* bytes, int size) {
  celab::app::web_app().language().chinese_font_arrived(std::vector<uint8_t>(bytes, bytes + size));
  celab::app::request_frame();
  celab::app::request_frame();
}

EMSCRIPTEN_KEEPALIVE void celab_chinese_font_failed(const char* why) {
  celab::app::web_app().language().chinese_font_failed(why);
  celab::app::request_frame();
}

}  // extern "C"

namespace celab::app {

void install_web_language() {
  web_app().language().set_font_request([] { celab_js_fetch_chinese_font(); });
  celab_js_install_language();
}

void web_language_frame() {
  if (told == language()) return;
  told = language();
  celab_js_language_changed(language_code(language()));
}

}  // namespace celab::app
