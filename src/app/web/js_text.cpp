#include "app/web/js_text.h"

#include <utility>

namespace celab::app {
namespace {

std::string last;  // what JavaScript reads next

}  // namespace

const char* js_text(std::string text) {
  last = std::move(text);
  return last.c_str();
}

const char* js_json(const nlohmann::json& value) { return js_text(value.dump()); }

}  // namespace celab::app
