// The page's JavaScript side of src/app/web/web_access.cpp, linked with --js-library: the ARIA live
// region (web/index.html #live) and window.celab.focused().
mergeInto(LibraryManager.library, {
  celab_js_install_access: function () {
    window.celab.focused = () => {
      const name = _celab_focused_name();
      return name ? UTF8ToString(name) : null;
    };
  },

  // While a stroke is drawn the sentence changes every frame: it is read out once it rests.
  celab_js_announce: function (sentence) {
    const live = document.getElementById('live');
    if (!live) return;
    const text = UTF8ToString(sentence);
    clearTimeout(live.celabTimer);
    live.celabTimer = setTimeout(() => { live.textContent = text; }, 300);
  },
});
