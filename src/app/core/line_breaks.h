// Where the lines of a wrapped paragraph end, for Chinese as well as English. Dear ImGui 1.86 breaks
// lines at spaces only, so a Chinese sentence (no spaces) broke at the nearest space or inside a
// number ("2.\n303"); here a line may also break between two Chinese characters, as Chinese is set,
// but never before closing punctuation (，。：）) nor after opening punctuation (（“).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace celab::app {

// Byte offsets into the paragraph: [begin, end) without the spaces at the break.
struct LineSpan {
  std::size_t begin = 0, end = 0;
};

// The lines of `utf8` (UTF-8) no wider than `width` where a break allows it (a word or number wider
// than `width` alone is cut where it overflows), `advance` giving each character's width; '\n'
// always ends a line. Replaces the contents of `lines`.
void break_lines(std::string_view utf8, float width, const std::function<float(char32_t)>& advance,
                 std::vector<LineSpan>& lines);

}  // namespace celab::app
