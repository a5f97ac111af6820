// Text handed to JavaScript (web build only): the bridges' JSON reports and messages. The page's
// JavaScript reads a returned pointer at once (UTF8ToString, then JSON.parse), so one buffer serves
// every bridge: it holds the last text until the next call.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace celab::app {

// `text`, kept until the next call, as a C string for JavaScript.
const char* js_text(std::string text);
// `value` as JSON text, the same way.
const char* js_json(const nlohmann::json& value);

}  // namespace celab::app
