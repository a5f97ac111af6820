// Line breaking of the page's paragraphs: English at spaces, Chinese between characters, never
// before closing or after opening punctuation, never inside a number.
#include "app/core/line_breaks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace celab::app {
namespace {

// Every character one unit wide: `width` is a number of characters.
std::vector<std::string> lines_of(const std::string& text, float width) {
  std::vector<LineSpan> spans;
  break_lines(
      text, width, [](char32_t) { return 1.0f; }, spans);
  std::vector<std::string> lines;
  for (const LineSpan& s : spans) lines.push_back(text.substr(s.begin, s.end - s.begin));
  return lines;
}

using Lines = std::vector<std::string>;

TEST(LineBreaks, EnglishBreaksAtSpacesOnly) {
  EXPECT_EQ(lines_of("the loss is 2.303 here", 12), (Lines{"the loss is", "2.303 here"}));
  EXPECT_EQ(lines_of("short", 12), (Lines{"short"}));
  EXPECT_EQ(lines_of("", 12), (Lines{""}));
}

TEST(LineBreaks, ChineseBreaksBetweenCharacters) {
  EXPECT_EQ(lines_of("训练因出错而停止了", 4), (Lines{"训练因出", "错而停止", "了"}));
}

TEST(LineBreaks, NeverBeforeClosingNorAfterOpeningPunctuation) {
  // "训练停止" fills the line, but "，" cannot start the next one: "止" goes with it.
  EXPECT_EQ(lines_of("训练停止，好的", 4), (Lines{"训练停", "止，好的"}));
  EXPECT_EQ(lines_of("一二三（四）", 4), (Lines{"一二三", "（四）"}));
}

TEST(LineBreaks, NumbersStayWhole) {
  // Breaks may fall between a Chinese character and a number, not inside "2.303".
  EXPECT_EQ(lines_of("损失为 ln 10 ≈ 2.303，即虚线", 14), (Lines{"损失为 ln 10 ≈", "2.303，即虚线"}));
}

TEST(LineBreaks, AWordWiderThanTheLineIsCut) {
  EXPECT_EQ(lines_of("abcdefgh ij", 3), (Lines{"abc", "def", "gh", "ij"}));
}

TEST(LineBreaks, NewlinesEndLines) { EXPECT_EQ(lines_of("一二\n三", 10), (Lines{"一二", "三"})); }

}  // namespace
}  // namespace celab::app
