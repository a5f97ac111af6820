// The page's JavaScript side of src/app/web/web_language.cpp, linked with --js-library: the language
// of the page (window.celab.setLanguage, the default from navigator.language) and its Chinese
// font, fetched the first time Chinese is chosen (zh-font.otf, cmake/web.cmake).
mergeInto(LibraryManager.library, {
  celab_js_install_language: function () {
    window.celab.setLanguage = (code) => {
      if (code !== 'en' && code !== 'zh') throw new RangeError('setLanguage(' + code + "): the language is 'en' or 'zh'");
      _celab_choose_language(code === 'zh' ? 1 : 0);
    };
    // Readers whose browser asks for Chinese get it (once its font is here).
    const wanted = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    if (wanted.toLowerCase().startsWith('zh')) _celab_choose_language(1);
  },

  celab_js_fetch_chinese_font: function () {
    fetch('zh-font.otf').then((response) => {
      if (!response.ok) throw new Error('zh-font.otf: HTTP ' + response.status + ' ' + response.statusText);
      return response.arrayBuffer();
    }).then((buffer) => {
      const bytes = new Uint8Array(buffer);
      celabWithBytes([bytes], ([pointer]) => _celab_chinese_font_arrived(pointer, bytes.length));  // web/heap.js
    }).catch((error) => {
      celabWithString(String(error.message || error), _celab_chinese_font_failed);
    });
  },

  // The HTML around the canvas follows (web/index.html: lang, the canvas's label).
  celab_js_language_changed: function (code) {
    if (window.celabPage) window.celabPage.setLanguage(UTF8ToString(code));
  },
});
