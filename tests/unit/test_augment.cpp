#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/augment.h"
#include "data/idx.h"
#include "data/preprocess.h"
#include "data_test_util.h"
#include "preprocess_test_util.h"

namespace celab::data {
namespace {

using testing::centre_of_mass;
using testing::total_ink;

// Real digits to augment: the own drawings through the recipe, plus MNIST test images if present.
const std::vector<ModelInput>& digits() {
  static const std::vector<ModelInput> all = [] {
    std::vector<ModelInput> out;
    for (const Drawing& d : read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl"))
      out.push_back(*preprocess_drawing(d));
    if (const std::string dir = testing::mnist_dir(); !dir.empty()) {
      const MnistSplit test = load_mnist_split(dir, "t10k");
      for (size_t i = 0; i < 1000; ++i) test.image_as_float(i, out.emplace_back());
    }
    return out;
  }();
  return all;
}

TEST(Augment, SameSeedSameImagesOtherSeedOtherImages) {
  const ModelInput& digit = digits()[7];
  nn::Rng a(42), b(42), c(43);
  for (int i = 0; i < 20; ++i) {
    ModelInput out_a, out_b, out_c;
    augment(digit, out_a, a);
    augment(digit, out_b, b);
    augment(digit, out_c, c);
    EXPECT_EQ(out_a, out_b);
    EXPECT_NE(out_a, out_c);
  }
}

TEST(Augment, NothingEnabledIsTheIdentity) {
  nn::Rng rng(1);
  for (const ModelInput& digit : digits()) {
    ModelInput out;
    augment(digit, out, rng, no_augmentation());
    ASSERT_EQ(out, digit);
  }
}

TEST(Augment, KeepsInkMassPlausibleAndValuesInRange) {
  nn::Rng rng(7);
  double ratio_sum = 0, lowest = 1e9, highest = 0;
  int n = 0;
  for (const ModelInput& digit : digits())
    for (int k = 0; k < 3; ++k) {
      ModelInput out;
      augment(digit, out, rng);
      EXPECT_GE(*std::min_element(out.begin(), out.end()), 0.0f);
      EXPECT_LE(*std::max_element(out.begin(), out.end()), 1.0f);
      const double ratio = total_ink(out) / total_ink(digit);
      ratio_sum += ratio;
      lowest = std::min(lowest, ratio);
      highest = std::max(highest, ratio);
      ++n;
    }
  std::printf("ink mass after/before over %d augmentations: mean %.3f, range %.3f .. %.3f\n", n, ratio_sum / n, lowest,
              highest);
  EXPECT_GT(lowest, 0.35);  // scale 0.8 alone gives 0.64; thinning takes a little more
  EXPECT_LT(highest, 3.0);  // scale 1.2 gives 1.44; thickening adds at most a ring of pixels
  EXPECT_NEAR(ratio_sum / n, 1.1, 0.2);
}

TEST(Augment, ShiftStaysWithinItsRange) {
  AugmentConfig shift_only = no_augmentation();
  shift_only.max_shift = 2.5;
  nn::Rng rng(3);
  const ModelInput& digit = digits()[0];
  const auto before = centre_of_mass(digit);
  double min_dx = 0, max_dx = 0;
  for (int i = 0; i < 200; ++i) {
    ModelInput out;
    augment(digit, out, rng, shift_only);
    const auto after = centre_of_mass(out);
    EXPECT_LE(std::abs(after.x - before.x), 2.5 + 1e-3);
    EXPECT_LE(std::abs(after.y - before.y), 2.5 + 1e-3);
    min_dx = std::min(min_dx, after.x - before.x);
    max_dx = std::max(max_dx, after.x - before.x);
    EXPECT_NEAR(total_ink(out), total_ink(digit), 1e-3 * total_ink(digit)) << "a shift inside the frame keeps all ink";
  }
  EXPECT_LT(min_dx, -2.0);
  EXPECT_GT(max_dx, 2.0);
}

TEST(Augment, WhatComesFromOutsideTheImageIsBackground) {
  // Ink only in the last two columns; halving the size about the centre (14) samples output column
  // u at 2u - 14: column 20 from 26 (ink), and columns 21.. from 28 on, beyond the image, which
  // must be exactly background.
  ModelInput edge{};
  for (int y = 0; y < kInputSide; ++y) edge[y * kInputSide + 26] = edge[y * kInputSide + 27] = 1.0f;
  AugmentConfig half = no_augmentation();
  half.min_scale = half.max_scale = 0.5;
  nn::Rng rng(2);
  ModelInput out;
  augment(edge, out, rng, half);
  double moved = 0, beyond = 0;
  for (int y = 0; y < kInputSide; ++y) {
    moved += out[y * kInputSide + 20];
    for (int x = 21; x < kInputSide; ++x) beyond += out[y * kInputSide + x];
  }
  EXPECT_GT(moved, 5.0);
  EXPECT_EQ(beyond, 0.0);
}

// Orientation (degrees from horizontal) of the ink's principal axis.
double orientation(const ModelInput& in) {
  const auto c = centre_of_mass(in);
  double sxx = 0, syy = 0, sxy = 0;
  for (int y = 0; y < kInputSide; ++y)
    for (int x = 0; x < kInputSide; ++x) {
      const double v = in[y * kInputSide + x], dx = x - c.x, dy = y - c.y;
      sxx += v * dx * dx;
      syy += v * dy * dy;
      sxy += v * dx * dy;
    }
  return 0.5 * std::atan2(2 * sxy, sxx - syy) * 180 / 3.14159265358979323846;
}

TEST(Augment, RotatesWithinItsRange) {
  ModelInput bar{};
  for (int x = 6; x < 22; ++x) bar[14 * kInputSide + x] = bar[13 * kInputSide + x] = 1.0f;
  AugmentConfig rotation_only = no_augmentation();
  rotation_only.max_rotation_deg = 15;
  nn::Rng rng(5);
  double largest = 0;
  for (int i = 0; i < 200; ++i) {
    ModelInput out;
    augment(bar, out, rng, rotation_only);
    const double angle = orientation(out);
    EXPECT_LE(std::abs(angle), 15.5);
    largest = std::max(largest, std::abs(angle));
  }
  EXPECT_GT(largest, 13);
}

TEST(Augment, StrokesGetThickerOrThinner) {
  AugmentConfig thicker = no_augmentation(), thinner = no_augmentation();
  thicker.thicker_probability = 1;
  thinner.thinner_probability = 1;
  nn::Rng rng(11);
  for (size_t i = 0; i < digits().size(); i += 7) {
    const ModelInput& digit = digits()[i];
    ModelInput thick, thin;
    augment(digit, thick, rng, thicker);
    augment(digit, thin, rng, thinner);
    EXPECT_GT(total_ink(thick), 1.1 * total_ink(digit)) << i;
    EXPECT_LT(total_ink(thin), 0.97 * total_ink(digit)) << i;
    EXPECT_GT(total_ink(thin), 0.5 * total_ink(digit)) << i;
  }
}

// A flag on an upright stem (2 pixels wide, columns 13-14, rows 4-23): from the stem's top,
// (13.5, 4.5), 10 pixels (half the height of 20) down to the left at 30 degrees, to (4.84, 9.5).
TEST(Augment, AFlagRisesToTheTopOfTheStem) {
  ModelInput stem{};
  for (int y = 4; y < 24; ++y) stem[y * kInputSide + 13] = stem[y * kInputSide + 14] = 1.0f;
  AugmentDraw draw;
  draw.flag = true;
  draw.flag_angle = 30 * 3.14159265358979323846 / 180;
  draw.flag_length = 0.5;
  ModelInput flagged = stem;
  const PixelPoint mass = add_flag(flagged, draw);
  const auto at = [&](int x, int y) { return flagged[y * kInputSide + x]; };
  EXPECT_GT(at(5, 9), 0.5f) << "the flag's end";
  EXPECT_GT(at(9, 7), 0.5f) << "the flag's middle";
  EXPECT_EQ(at(9, 12), 0.0f) << "below the flag";
  EXPECT_EQ(at(20, 9), 0.0f) << "right of the stem";
  EXPECT_EQ(at(2, 11), 0.0f) << "beyond the flag's end";
  for (int y = 4; y < 24; ++y) EXPECT_EQ(at(13, y), 1.0f) << "the stem is kept, row " << y;
  const auto expected = centre_of_mass(flagged);
  EXPECT_NEAR(mass.x, expected.x, 1e-4);
  EXPECT_NEAR(mass.y, expected.y, 1e-4);
  EXPECT_LT(mass.x, 13.0f) << "the flag moves the centre of mass left";
}

// Only 1s get flags, and the flag's numbers are drawn for every image whatever its label, so a
// batch's later images get the same draws whichever labels came before.
TEST(Augment, OnlyOnesGetFlagsAndEveryImageTakesTheSameDraws) {
  AugmentConfig always = no_augmentation();
  always.one_flag_probability = 1;
  for (int64_t label : {kUnknownLabel, int64_t{0}, kFlaggedLabel, int64_t{7}}) {
    nn::Rng rng(9), reference(9);
    const AugmentDraw draw = draw_augmentation(rng, always, label);
    EXPECT_EQ(draw.flag, label == kFlaggedLabel) << "label " << label;
    draw_augmentation(reference, always, kFlaggedLabel);
    EXPECT_EQ(rng.uniform(), reference.uniform()) << "label " << label;
  }
  // On the own drawings: a flag for every 1 and for nothing else, each flagged 1 centred on (14, 14)
  // as the MNIST recipe centres a drawing, with more ink and values in [0, 1].
  nn::Rng rng(4);
  int flagged = 0, clearly_more_ink = 0;
  for (const Drawing& d : read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl")) {
    const ModelInput digit = *preprocess_drawing(d);
    const int64_t label = d.label.value_or(kUnknownLabel);
    ModelInput out;
    augment(digit, out, rng, always, label);
    if (label != kFlaggedLabel) {
      EXPECT_EQ(out, digit);
      continue;
    }
    ++flagged;
    EXPECT_GT(total_ink(out), total_ink(digit));
    if (total_ink(out) > 1.1 * total_ink(digit)) ++clearly_more_ink;
    EXPECT_GE(*std::min_element(out.begin(), out.end()), 0.0f);
    EXPECT_LE(*std::max_element(out.begin(), out.end()), 1.0f);
    const auto centre = centre_of_mass(out);
    EXPECT_NEAR(centre.x, 14, 0.6);
    EXPECT_NEAR(centre.y, 14, 0.6);
  }
  EXPECT_EQ(flagged, 30);
  // The own 1s drawn with a flag already gain little: the new flag runs along theirs.
  EXPECT_GE(clearly_more_ink, 20);
}

}  // namespace
}  // namespace celab::data
