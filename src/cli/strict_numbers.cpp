#include "cli/strict_numbers.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace celab::cli {
namespace {

// from_chars over all of `text` (a leading '+' allowed); "" when it parses, else the problem.
template <typename V>
std::string parse_whole(const std::string& text, V& value, const char* kind) {
  const char* first = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc::result_out_of_range) return "'" + text + "' is out of range for " + kind;
  if (error != std::errc() || end != last || first == last) return "'" + text + "' is not " + kind;
  return {};
}

}  // namespace

CLI::Validator strict_integer() {
  return {[](std::string& text) {
            int64_t value = 0;
            std::string problem = parse_whole(text, value, "a 64-bit integer");
            if (problem.empty()) text = std::to_string(value);  // what CLI11's strtoll reads back exactly
            return problem;
          },
          ""};
}

CLI::Validator positive_number() {
  return {[](std::string& text) {
            double value = 0;
            std::string problem = parse_whole(text, value, "a finite number");
            if (problem.empty() && !std::isfinite(value)) problem = "'" + text + "' is not a finite number";
            if (problem.empty() && !(value > 0)) problem = "'" + text + "' is not a number > 0";
            return problem;
          },
          ""};
}

}  // namespace celab::cli
