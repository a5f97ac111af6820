#include "app/core/line_breaks.h"

#include <string_view>

namespace celab::app {
namespace {

// The code point at `p` and where the next one starts (a bad byte counts as one character).
char32_t decode(std::string_view s, std::size_t p, std::size_t& next) {
  const auto b = static_cast<unsigned char>(s[p]);
  const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (b >= 0x80 && b < 0xC0) {
    next = p + 1;
    return 0xFFFD;
  }
  if (p + static_cast<std::size_t>(length) > s.size()) {
    next = s.size();
    return 0xFFFD;
  }
  char32_t c = length == 1 ? b : b & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) c = c << 6 | (static_cast<unsigned char>(s[p + static_cast<std::size_t>(k)]) & 0x3F);
  next = p + static_cast<std::size_t>(length);
  return c;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

// Chinese characters and their full-width punctuation: a line may break before and after them.
bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool is_closing(char32_t c) {
  constexpr std::u32string_view kClosing =
      U",.;:!?)]}%\u201D\u2019\u2026\uFF0C\u3002\u3001\uFF1B\uFF1A\uFF01\uFF1F\uFF09\u300D\u300F\u300B\u3011\u3009";
  return kClosing.find(c) != std::u32string_view::npos;
}

bool is_opening(char32_t c) {
  constexpr std::u32string_view kOpening = U"([{\u201C\u2018\uFF08\u300C\u300E\u300A\u3010\u3008";
  return kOpening.find(c) != std::u32string_view::npos;
}

// May a line end between `before` and `after`?
bool can_break(char32_t before, char32_t after) {
  if (is_space(before)) return !is_space(after);
  if (is_space(after) || is_closing(after) || is_opening(before)) return false;
  return is_cjk(before) || is_cjk(after);
}

}  // namespace

void break_lines(std::string_view utf8, float width, const std::function<float(char32_t)>& advance,
                 std::vector<LineSpan>& lines) {
  lines.clear();
  std::size_t begin = 0;
  std::size_t break_at = 0, break_end = 0;  // the last break in the line: next line's start, this line's end
  float line_width = 0, width_at_break = 0;
  char32_t before = 0;
  // Ends the line at `end`, trailing spaces dropped.
  const auto emit = [&](std::size_t end) {
    while (end > begin && (utf8[end - 1] == ' ' || utf8[end - 1] == '\t')) --end;
    lines.push_back({begin, end});
  };
  for (std::size_t p = 0, next = 0; p < utf8.size(); p = next) {
    const char32_t c = decode(utf8, p, next);
    if (c == '\n') {
      emit(p);
      begin = next;
      break_at = 0;
      line_width = 0;
      before = 0;
      continue;
    }
    if (p > begin && can_break(before, c)) {
      break_at = break_end = p;
      width_at_break = line_width;
    }
    const float w = advance(c);
    if (line_width + w > width && !is_space(c) && p > begin) {
      if (break_at > begin) {
        emit(break_end);
        begin = break_at;
        line_width -= width_at_break;
      } else {  // nowhere to break: cut here
        emit(p);
        begin = p;
        line_width = 0;
      }
      break_at = 0;
    }
    line_width += w;
    before = c;
  }
  emit(utf8.size());
}

}  // namespace celab::app
