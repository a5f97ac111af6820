// The page's language in the browser (web build only): window.celab.setLanguage('en' | 'zh') and
// state().language, the default from navigator.language, the Chinese font fetched when Chinese is
// first chosen, and the page's own HTML (lang, the canvas's label) in step. The JavaScript side is
// web/celab_language.js.
#pragma once

namespace celab::app {

void install_web_language();

// After each frame: tells the HTML when the language changed.
void web_language_frame();

}  // namespace celab::app
