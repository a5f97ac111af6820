// The page for people who do not see or point at the canvas (web build only): the state in words
// in the page's ARIA live region (web/index.html #live), and window.celab.focused(), the name of
// the widget that has ImGui's keyboard focus (Tab and the arrow keys move it; Space presses).
// The JavaScript side is web/celab_access.js.
#pragma once

namespace celab::app {

void install_web_access();

// After each frame: tells the live region when the state's sentence changed.
void web_access_frame();

}  // namespace celab::app
