// tests/drawings/own_digits.jsonl, the project's own evaluation drawings (made by
// tests/drawings/generate_own_digits.py): complete, labelled, and as varied as promised.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "data/preprocess.h"

namespace celab::data {
namespace {

TEST(OwnDrawings, ThirtyOfEachDigitAllVaried) {
  const auto drawings = read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  ASSERT_EQ(drawings.size(), 300u);
  int per_digit[10] = {};
  std::set<size_t> stroke_counts;
  double min_radius = 1e9, max_radius = 0, min_height = 1e9, max_height = 0;
  double min_centre_x = 1e9, max_centre_x = 0, min_centre_y = 1e9, max_centre_y = 0;
  Preprocessor p;
  for (const Drawing& d : drawings) {
    ASSERT_TRUE(d.label.has_value());
    ++per_digit[*d.label];
    EXPECT_EQ(d.canvas_width, 280);
    stroke_counts.insert(d.strokes.size());
    min_radius = std::min(min_radius, d.brush_radius);
    max_radius = std::max(max_radius, d.brush_radius);
    ModelInput in;
    ASSERT_TRUE(p.drawing_to_input(d, in));
    const Placement& box = p.last_placement();
    min_height = std::min(min_height, double(box.box_height));
    max_height = std::max(max_height, double(box.box_height));
    const double cx = box.box_x + box.box_width / 2.0, cy = box.box_y + box.box_height / 2.0;
    min_centre_x = std::min(min_centre_x, cx);
    max_centre_x = std::max(max_centre_x, cx);
    min_centre_y = std::min(min_centre_y, cy);
    max_centre_y = std::max(max_centre_y, cy);
    // Mouse-like sampling: points are not evenly spaced.
    for (const Stroke& s : d.strokes) {
      if (s.size() < 6) continue;
      double shortest = 1e9, longest = 0;
      for (size_t i = 1; i < s.size(); ++i) {
        const double step = std::hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
        shortest = std::min(shortest, step);
        longest = std::max(longest, step);
      }
      EXPECT_GT(longest, 1.5 * shortest);
    }
  }
  for (int digit = 0; digit < 10; ++digit) EXPECT_EQ(per_digit[digit], 30) << digit;
  EXPECT_TRUE(stroke_counts.count(1) && stroke_counts.count(2)) << "single- and multi-stroke digits";
  EXPECT_LE(min_radius, 6.5);
  EXPECT_GE(max_radius, 15.5);
  EXPECT_LT(min_height, 140);  // ink box heights (brush included): small and large digits
  EXPECT_GT(max_height, 220);
  EXPECT_LT(min_centre_x, 100);  // not always centred
  EXPECT_GT(max_centre_x, 180);
  EXPECT_LT(min_centre_y, 100);
  EXPECT_GT(max_centre_y, 180);
}

}  // namespace
}  // namespace celab::data
