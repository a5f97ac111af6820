// When the page cannot work (web build only): web/index.html shows a message in place of the
// canvas saying what is missing and what to do, and sets window.celab.error. The page itself
// reports the failures it sees first (index.js or index.wasm not downloaded, WebAssembly that does
// not compile); the app reports these.
#pragma once

#include <string>

namespace celab::app {

enum class PageFailure {
  NoWebGL,  // no WebGL context: off, blocked, or not in this browser
  Crash,    // an exception stopped the app
};

// `detail`: the technical reason, shown small under the message.
void show_page_failure(PageFailure failure, const std::string& detail);

}  // namespace celab::app
