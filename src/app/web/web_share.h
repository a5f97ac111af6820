// Links to the page's state in the browser (web build only): window.celab.shareLink() and
// linkNews(), the URL fragment "#s=..." read at start-up and whenever it changes, and "Copy link"
// into the clipboard and the address bar. The JavaScript side is web/celab_share.js.
#pragma once

namespace celab::app {

// Call once the app exists; opens the page's own link if it has one.
void install_web_share();

}  // namespace celab::app
