#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "data/raster.h"

namespace celab::data {
namespace {

double total_ink(const Image& image) {
  double sum = 0;
  for (float v : image.pixels) sum += v;
  return sum;
}

TEST(Raster, DotIsARoundDiscWithAnAntialiasedEdge) {
  for (const double radius : {3.0, 6.5, 10.0}) {
    Image canvas(100, 100);
    paint_segment(canvas, {50.3, 49.6}, {50.3, 49.6}, radius);
    // Coverage clamp(r + 0.5 - d, 0, 1) integrates to pi (r^2 + 1/12) over the plane.
    EXPECT_NEAR(total_ink(canvas), std::numbers::pi * (radius * radius + 1.0 / 12), 0.01 * radius * radius) << radius;
    for (int y = 0; y < 100; ++y)
      for (int x = 0; x < 100; ++x) {
        const double d = std::hypot(x + 0.5 - 50.3, y + 0.5 - 49.6);
        EXPECT_NEAR(canvas.at(x, y), std::clamp(radius + 0.5 - d, 0.0, 1.0), 1e-4) << x << "," << y;
      }
  }
}

TEST(Raster, LineCrossSectionIsTwiceTheRadius) {
  for (const double radius : {2.0, 6.0, 10.5, 16.0})
    for (const double offset : {0.0, 0.25, 0.5, 0.8}) {
      Image canvas(200, 200);
      paint_segment(canvas, {20, 100 + offset}, {180, 100 + offset}, radius);
      double column = 0;
      int partial = 0;
      for (int y = 0; y < 200; ++y) {
        column += canvas.at(100, y);
        partial += canvas.at(100, y) > 0 && canvas.at(100, y) < 1;
      }
      EXPECT_NEAR(column, 2 * radius, 1e-4) << radius << " " << offset;
      EXPECT_GE(partial, offset == 0.0 || offset == 0.5 ? 0 : 2) << "antialiased edge expected";
    }
  // A diagonal line: the cross-section perpendicular to it is 2r, so a column holds 2r / cos(angle).
  Image canvas(200, 200);
  paint_segment(canvas, {20, 30}, {180, 150}, 8);  // slope 3/4, cos = 0.8
  double column = 0;
  for (int y = 0; y < 200; ++y) column += canvas.at(100, y);
  EXPECT_NEAR(column, 16 / 0.8, 0.05);
}

TEST(Raster, EdgeFallsOffLinearlyOverOnePixel) {
  Image canvas(60, 60);
  paint_segment(canvas, {5, 30.2}, {55, 30.2}, 4);
  // Pixel centres at y + 0.5, distance d = |y + 0.5 - 30.2| to the line, coverage clamp(4.5 - d, 0, 1).
  EXPECT_FLOAT_EQ(canvas.at(30, 30), 1.0f);   // d = 0.3
  EXPECT_FLOAT_EQ(canvas.at(30, 27), 1.0f);   // d = 2.7
  EXPECT_NEAR(canvas.at(30, 26), 0.8, 1e-5);  // d = 3.7
  EXPECT_EQ(canvas.at(30, 25), 0.0f);         // d = 4.7
  EXPECT_FLOAT_EQ(canvas.at(30, 33), 1.0f);   // d = 3.3
  EXPECT_NEAR(canvas.at(30, 34), 0.2, 1e-5);  // d = 4.3
  EXPECT_EQ(canvas.at(30, 35), 0.0f);         // d = 5.3
}

TEST(Raster, PaintingOrderDoesNotMatterSoIncrementalEqualsFull) {
  Drawing d;
  d.brush_radius = 9;
  d.strokes = {{{40, 40}, {120, 45}, {200, 60}, {150, 200}}, {{60, 150}, {210, 140}}, {{230, 230}}};
  Image full;
  render_drawing(d, full);
  // The app: first point as a dot, then each new segment as the mouse moves, last stroke first.
  Image incremental(280, 280);
  for (auto s = d.strokes.rbegin(); s != d.strokes.rend(); ++s) {
    paint_segment(incremental, s->front(), s->front(), d.brush_radius);
    for (size_t i = 1; i < s->size(); ++i) paint_segment(incremental, (*s)[i - 1], (*s)[i], d.brush_radius);
  }
  EXPECT_EQ(incremental.pixels, full.pixels);
  EXPECT_FLOAT_EQ(full.at(230, 230), 1.0f);  // the one-point stroke is a dot
}

TEST(Raster, ClipsAtTheBorderAndIgnoresNonFiniteInput) {
  Image canvas(50, 40);
  paint_segment(canvas, {-30, 20}, {80, 20}, 5);  // crosses the whole canvas
  EXPECT_FLOAT_EQ(canvas.at(0, 20), 1.0f);
  EXPECT_FLOAT_EQ(canvas.at(49, 20), 1.0f);
  Image clean(50, 40);
  paint_segment(clean, {1e12, -1e12}, {-1e12, 1e12}, 3);  // absurd: nothing, no overflow
  const double nan = std::numeric_limits<double>::quiet_NaN();
  paint_segment(clean, {nan, 3}, {10, 10}, 5);
  paint_segment(clean, {10, 10}, {20, 20}, std::numeric_limits<double>::infinity());
  paint_segment(clean, {10, 10}, {20, 20}, -2);
  EXPECT_EQ(total_ink(clean), 0.0);
}

}  // namespace
}  // namespace celab::data
