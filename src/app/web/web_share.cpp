#include "app/web/web_share.h"

#include <emscripten.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "app/core/state_link.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/js_text.h"
#include "app/web/web_app.h"
#include "data/file_bytes.h"
#include "data/shared_state.h"

namespace celab::app {
namespace {


}  // namespace
}  // namespace celab::app

extern "C" {

// web/celab_share.js
void celab_js_install_share();
void celab_js_copy_link(const char* link_text);

// The link text of the page as it is, or "" for a drawing no link can hold.
EMSCRIPTEN_KEEPALIVE const char* celab_share_link_text() {
  try {
    return celab::app::js_text(
        celab::data::encode_shared_state(celab::app::shared_state_of(celab::app::web_app().state())));
  } catch (const std::invalid_argument&) {
    return celab::app::js_text("");
  }
}

// A link's text (the fragment after "#s="): applied, or ignored with the reason in the page.
EMSCRIPTEN_KEEPALIVE void celab_open_link(const char* link_text) {
  try {
    celab::app::apply_shared_state(celab::app::web_app().state(), celab::data::decode_shared_state(link_text, "link"));
    celab::app::web_app().share().link_opened();
  } catch (const celab::data::DataError& e) {
    celab::app::web_app().share().link_refused(e.what());
  }
  celab::app::request_frame();
}

EMSCRIPTEN_KEEPALIVE void celab_link_copied(int to_clipboard) {
  celab::app::web_app().share().link_copied(to_clipboard != 0);
  celab::app::request_frame();
}

// window.celab.linkNews(): {news, refused}: the header's line about links.
EMSCRIPTEN_KEEPALIVE const char* celab_link_news_json() {
  const auto& share = celab::app::web_app().share();
  return celab::app::js_json({{"news", share.news()}, {"refused", share.news_is_error()}});
}

}  // extern "C"

namespace celab::app {

void install_web_share() {
  web_app().share().set_copier([](const std::string& link_text) { celab_js_copy_link(link_text.c_str()); });
  celab_js_install_share();
}

}  // namespace celab::app
