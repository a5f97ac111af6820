#include "app/web_failure.h"

#include <emscripten.h>

EM_JS(void, celab_js_show_failure, (const char* kind, const char* detail),
      { Module.showFailure(UTF8ToString(kind), UTF8ToString(detail)); });

namespace celab::app {

void show_page_failure(PageFailure failure, const std::string& detail) {
  celab_js_show_failure(failure == PageFailure::NoWebGL ? "webgl" : "crash", detail.c_str());
}

}  // namespace celab::app
