#include "data/json_excerpt.h"

namespace celab::data {
namespace {

// Appends `value` as compact JSON until `out` is longer than the excerpt can be; containers deeper
// than kJsonExcerptDepth are written as [...] or {...}.
void append(const nlohmann::json& value, int depth, std::string& out) {
  if (!value.is_structured()) {
    out += value.dump();  // strings come out escaped: a newline stays "\n"
    return;
  }
  const bool array = value.is_array();
  out += array ? '[' : '{';
  if (depth == kJsonExcerptDepth && !value.empty()) out += "...";
  if (depth < kJsonExcerptDepth) {
    bool first = true;
    for (auto it = value.begin(); it != value.end() && out.size() <= kJsonExcerptLength; ++it, first = false) {
      if (!first) out += ',';
      if (!array) out += nlohmann::json(it.key()).dump() + ':';
      append(*it, depth + 1, out);
    }
  }
  out += array ? ']' : '}';
}

}  // namespace

std::string json_excerpt(const nlohmann::json& value) {
  std::string text;
  append(value, 0, text);
  if (text.size() > kJsonExcerptLength) text = text.substr(0, kJsonExcerptLength - 3) + "...";
  return text;
}

}  // namespace celab::data
