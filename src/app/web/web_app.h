// The one App the page's browser bridges act on (web build only): main_web.cpp sets it before it
// installs any bridge, and it lives as long as the page.
#pragma once

namespace celab::app {

class App;

void set_web_app(App& app);
App& web_app();

}  // namespace celab::app
