#include "app/web/web_gl_context.h"

#include <emscripten/html5.h>

// web/celab_webgl.js
extern "C" void celab_js_publish_webgl_version(int version);
extern "C" void celab_js_forget_dead_gl_objects();

namespace celab::app::web_gl_context {
namespace {

bool context_lost = false;
bool context_restored = false;

// Returning true calls preventDefault(): without it the browser never gives the context back.
EM_BOOL on_lost(int, const void*, void*) {
  context_lost = true;
  return EM_TRUE;
}

EM_BOOL on_restored(int, const void*, void*) {
  context_lost = false;
  context_restored = true;
  return EM_TRUE;
}

}  // namespace

void watch(int webgl_version) {
  celab_js_publish_webgl_version(webgl_version);
  emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, on_lost);
  emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, on_restored);
}

bool lost() { return context_lost; }

bool take_restored() {
  if (!context_restored) return false;
  context_restored = false;
  celab_js_forget_dead_gl_objects();
  return true;
}

}  // namespace celab::app::web_gl_context
