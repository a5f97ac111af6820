#include "cli/number_lists.h"

#include <charconv>
#include <cmath>

namespace celab::cli {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1)
    parts.push_back(trimmed(text.substr(start, end - start)));
  parts.push_back(trimmed(text.substr(start)));
  return parts;
}

// Parses all of `item` as a V, or throws naming the option, the text and its place.
template <typename V>
V parse_item(const std::string& item, const std::string& option, const std::string& place, const char* kind) {
  if (item.empty()) throw CliInputError(option + ": " + place + " is empty");
  const char* first = item.data() + (item[0] == '+' ? 1 : 0);
  const char* last = item.data() + item.size();
  V value{};
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc::result_out_of_range)
    throw CliInputError(option + ": '" + item + "' (" + place + ") is out of range");
  if (error != std::errc() || end != last)
    throw CliInputError(option + ": '" + item + "' (" + place + ") is not " + kind);
  if constexpr (std::is_floating_point_v<V>) {
    if (!std::isfinite(value)) throw CliInputError(option + ": '" + item + "' (" + place + ") is not a finite number");
  }
  return value;
}

template <typename V>
std::vector<V> parse_list(const std::string& text, const std::string& option, const std::string& row_place,
                          const char* kind) {
  if (trimmed(text).empty())
    throw CliInputError(option + ": no values" + (row_place.empty() ? "" : " in " + row_place));
  std::vector<V> values;
  const auto items = split(text, ',');
  for (size_t i = 0; i < items.size(); ++i)
    values.push_back(parse_item<V>(
        items[i], option, row_place + (row_place.empty() ? "" : ", ") + "value " + std::to_string(i + 1), kind));
  return values;
}

}  // namespace

std::vector<double> parse_numbers(const std::string& text, const std::string& option) {
  return parse_list<double>(text, option, "", "a number");
}

std::vector<int64_t> parse_integers(const std::string& text, const std::string& option) {
  return parse_list<int64_t>(text, option, "", "an integer");
}

std::vector<std::vector<double>> parse_rows(const std::string& text, const std::string& option) {
  std::vector<std::vector<double>> rows;
  const auto parts = split(text, ';');
  for (size_t r = 0; r < parts.size(); ++r) {
    rows.push_back(parse_list<double>(parts[r], option, "row " + std::to_string(r + 1), "a number"));
    if (rows.back().size() != rows.front().size())
      throw CliInputError(option + ": row " + std::to_string(r + 1) + " has " + std::to_string(rows.back().size()) +
                          " values but row 1 has " + std::to_string(rows.front().size()));
  }
  return rows;
}

}  // namespace celab::cli
