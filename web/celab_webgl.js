// The page's JavaScript side of src/app/web/web_gl_context.cpp and src/app/web/web_failure.cpp, linked with
// --js-library: the WebGL context's version and its loss, and failures shown by web/index.html.
mergeInto(LibraryManager.library, {
  celab_js_publish_webgl_version: function (version) {
    window.celab.webgl = version;
  },

  // Emscripten maps GL names to WebGL objects; those of the lost context are dead. Dropping them
  // makes deletes of the old names no-ops (a dead object passed to WebGL is an error it logs), and
  // the restored context gets its extensions enabled again (WebGL 1 takes vertex arrays from one).
  celab_js_forget_dead_gl_objects__deps: ['$GL'],
  celab_js_forget_dead_gl_objects: function () {
    ['buffers', 'programs', 'framebuffers', 'renderbuffers', 'textures', 'shaders', 'vaos', 'queries',
      'samplers', 'transformFeedbacks', 'syncs'].forEach((table) => { if (GL[table]) GL[table].fill(null); });
    GL.currentContext.initExtensionsDone = false;
    GL.initExtensions(GL.currentContext);
  },

  // kind: "webgl" | "crash" (web/index.html's showFailure knows the words for each).
  celab_js_show_failure: function (kind, detail) {
    Module.showFailure(UTF8ToString(kind), UTF8ToString(detail));
  },
});
