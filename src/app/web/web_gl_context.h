// The page's WebGL context as the browser lends it (web build only): its version, published as
// window.celab.webgl, and its loss and return (webglcontextlost / webglcontextrestored: a GPU
// reset, too many tabs). While it is lost nothing can be drawn, but the app's state (drawing,
// target, options, trained weights) lives in C++ and carries on; once it is back, every GL object
// is made again and the page looks as before.
#pragma once

namespace celab::app::web_gl_context {

// Listens to the canvas's context events and sets window.celab.webgl to `webgl_version` (1 or 2).
void watch(int webgl_version);

// True from the loss until the context is back: draw nothing.
bool lost();

// True once after the context came back, empty. Emscripten's tables of the dead objects are
// cleared; the caller remakes its own (gl_context_epoch::begin_new, GlRenderer::remake_gl_objects).
bool take_restored();

}  // namespace celab::app::web_gl_context
