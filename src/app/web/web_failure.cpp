#include "app/web/web_failure.h"

// web/celab_webgl.js
extern "C" void celab_js_show_failure(const char* kind, const char* detail);

namespace celab::app {

void show_page_failure(PageFailure failure, const std::string& detail) {
  celab_js_show_failure(failure == PageFailure::NoWebGL ? "webgl" : "crash", detail.c_str());
}

}  // namespace celab::app
