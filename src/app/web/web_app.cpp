#include "app/web/web_app.h"

namespace celab::app {
namespace {

App* the_app = nullptr;

}  // namespace

void set_web_app(App& app) { the_app = &app; }

App& web_app() { return *the_app; }

}  // namespace celab::app
