#include "app/web_gl_context.h"

#include <emscripten.h>
#include <emscripten/html5.h>

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

EM_JS(void, celab_js_publish_webgl_version, (int version), { window.celab.webgl = version; });

// Emscripten maps GL names to WebGL objects; those of the lost context are dead. Dropping them
// makes deletes of the old names no-ops (a dead object passed to WebGL is an error it logs), and
// the restored context gets its extensions enabled again (WebGL 1 takes vertex arrays from one).
EM_JS(void, celab_js_forget_dead_gl_objects, (), {
  ['buffers', 'programs', 'framebuffers', 'renderbuffers', 'textures', 'shaders', 'vaos', 'queries',
   'samplers', 'transformFeedbacks', 'syncs'].forEach((table) => { if (GL[table]) GL[table].fill(null); });
  GL.currentContext.initExtensionsDone = false;
  GL.initExtensions(GL.currentContext);
});

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
