#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "data/idx.h"
#include "data/picture.h"
#include "data/preprocess.h"
#include "data_test_util.h"
#include "png_test_writer.h"
#include "preprocess_test_util.h"

namespace celab::data {
namespace {

using testing::encode_png;
using testing::expect_data_error;
using testing::mean_abs_difference;

// A 28 x 28 MNIST-like digit (white ink on black): the real first test image when the data is
// there, else a drawn 7 through the same recipe.
ModelInput mnist_like_digit() {
  static const ModelInput digit = [] {
    ModelInput first{};
    if (const std::string dir = testing::mnist_dir(); !dir.empty()) {
      load_mnist_split(dir, "t10k").image_as_float(0, first);
      return first;
    }
    Drawing d;
    d.strokes = {{{80, 60}, {200, 62}, {120, 230}}};
    return *preprocess_drawing(d);
  }();
  return digit;
}

std::vector<uint8_t> to_bytes(const ModelInput& in, bool dark_on_light) {
  std::vector<uint8_t> bytes(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const auto v = static_cast<uint8_t>(std::lround(in[i] * 255));
    bytes[i] = dark_on_light ? 255 - v : v;
  }
  return bytes;
}

TEST(Picture, MnistLikePngRoundTrips) {
  const ModelInput digit = mnist_like_digit();
  const Image ink = ink_from_luminance(decode_png_luminance(encode_png(28, 28, 1, to_bytes(digit, false)), "d.png"));
  ASSERT_EQ(ink.width, 28);
  ModelInput as_is;
  std::copy(ink.pixels.begin(), ink.pixels.end(), as_is.begin());
  // Decoding changes nothing but 8-bit rounding and the faintest pixels (noise floor).
  EXPECT_LT(mean_abs_difference(as_is, digit), 0.002);
  const auto input = preprocess_canvas(ink);
  ASSERT_TRUE(input);
  EXPECT_LT(mean_abs_difference(*input, digit), 0.04);
  const auto com = testing::centre_of_mass(*input);
  EXPECT_NEAR(com.x, 14, 0.01);
  EXPECT_NEAR(com.y, 14, 0.01);
}

TEST(Picture, DarkInkOnPaperIsInverted) {
  const ModelInput digit = mnist_like_digit();
  const auto light_on_dark = preprocess_canvas(
      ink_from_luminance(decode_png_luminance(encode_png(28, 28, 1, to_bytes(digit, false)), "a.png")));
  const auto dark_on_light = preprocess_canvas(
      ink_from_luminance(decode_png_luminance(encode_png(28, 28, 1, to_bytes(digit, true)), "b.png")));
  ASSERT_TRUE(light_on_dark && dark_on_light);
  EXPECT_LT(mean_abs_difference(*light_on_dark, *dark_on_light), 1e-6);
}

TEST(Picture, GreyPaperColourAndTransparencyAreHandled) {
  const ModelInput digit = mnist_like_digit();
  // Dark blue ink on light grey paper, 56 x 56 (each digit pixel 2 x 2), as RGB.
  std::vector<uint8_t> rgb, rgba;
  for (int y = 0; y < 56; ++y)
    for (int x = 0; x < 56; ++x) {
      const float v = digit[(y / 2) * 28 + x / 2];
      rgb.insert(rgb.end(), {static_cast<uint8_t>(220 - 200 * v), static_cast<uint8_t>(220 - 200 * v),
                             static_cast<uint8_t>(230 - 120 * v)});
      // Black ink on a transparent background: ink in the alpha channel only.
      rgba.insert(rgba.end(), {0, 0, 0, static_cast<uint8_t>(std::lround(255 * v))});
    }
  const auto reference = preprocess_canvas(
      ink_from_luminance(decode_png_luminance(encode_png(28, 28, 1, to_bytes(digit, false)), "ref.png")));
  const auto from_rgb =
      preprocess_canvas(ink_from_luminance(decode_png_luminance(encode_png(56, 56, 3, rgb), "c.png")));
  const auto from_rgba =
      preprocess_canvas(ink_from_luminance(decode_png_luminance(encode_png(56, 56, 4, rgba), "t.png")));
  ASSERT_TRUE(reference && from_rgb && from_rgba);
  EXPECT_LT(mean_abs_difference(*from_rgb, *reference), 0.03);
  EXPECT_LT(mean_abs_difference(*from_rgba, *reference), 0.03);
}

TEST(Picture, BlankPictureIsNoDigit) {
  const std::vector<uint8_t> white(40 * 30, 255), grey(40 * 30, 128);
  EXPECT_FALSE(preprocess_canvas(ink_from_luminance(decode_png_luminance(encode_png(40, 30, 1, white), "w.png"))));
  EXPECT_FALSE(preprocess_canvas(ink_from_luminance(decode_png_luminance(encode_png(40, 30, 1, grey), "g.png"))));
}

TEST(Picture, BadFilesNameTheFile) {
  expect_data_error(
      [] {
        decode_png_luminance(std::vector<uint8_t>{'G', 'I', 'F', '8', '9', 'a'}, "x.png");
      },
      {"x.png: not a readable PNG image"});
  auto png = encode_png(28, 28, 1, std::vector<uint8_t>(784, 0));
  png.resize(png.size() - 40);  // cut into the image data
  expect_data_error([&] { decode_png_luminance(png, "cut.png"); }, {"cut.png: "});
  testing::TempDir dir;
  expect_data_error([&] { read_png_ink(dir.file("none.png")); }, {"none.png: cannot open"});
  // The file wrapper on a real file.
  const std::string path = dir.file("digit.png");
  const auto bytes = encode_png(28, 28, 1, to_bytes(mnist_like_digit(), true));
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  EXPECT_TRUE(preprocess_canvas(read_png_ink(path)));
}

}  // namespace
}  // namespace celab::data
