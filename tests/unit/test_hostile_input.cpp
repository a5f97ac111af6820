// Inputs built to break the loss and the readers, found by review while writing the fuzz targets
// (tests/fuzz/): shapes whose element counts overflow 64 bits or that are empty with a huge other
// dimension, text that would split an error message over several lines, and files far too small
// for what their header claims. Each must give the documented error, or the right answer, fast.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/drawing.h"
#include "data/golden_cases.h"
#include "data/picture.h"
#include "data_test_util.h"
#include "nn/cross_entropy.h"
#include "png_test_writer.h"

namespace celab {
namespace {

// 274177 * 67280421310721 = 2^64 + 1: the product wraps to 1 in 64-bit arithmetic.
constexpr int64_t kWrapA = 274177, kWrapB = 67280421310721;
constexpr int64_t k2To32 = int64_t{1} << 32;

std::string loss_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const nn::LossError& e) {
    return e.what();
  }
  return "no LossError";
}

TEST(HostileInput, ShapeWhoseElementCountWrapsToTheDataSizeIsRejected) {
  // Before: the wrapped count 1 matched the one value, and the loss read 274177 x 6.7e13 "logits".
  const nn::Tensor<double> input{{kWrapA, kWrapB}, {0.5}};
  const nn::Tensor<int64_t> target{{kWrapA}, std::vector<int64_t>(1, 0)};
  EXPECT_EQ(loss_error([&] { nn::cross_entropy(input, target, {}); }),
            "input shape [274177, 67280421310721] has more elements than an int64_t can count");
}

TEST(HostileInput, EmptyInputWhoseSpatialSizeOverflowsIsRejected) {
  const nn::Tensor<double> input{{0, 3, k2To32, k2To32}, {}};
  const nn::Tensor<int64_t> target{{0, k2To32, k2To32}, {}};
  EXPECT_EQ(loss_error([&] { nn::cross_entropy(input, target, {}); }),
            "input shape [4294967296, 4294967296] has more elements than an int64_t can count");
}

TEST(HostileInput, EmptyBatchWithHugeClassCountGivesNan) {
  // Before: the rows per block were 32 KiB / (C * 8), and C * 8 wrapped to 0: a division by zero.
  const nn::Tensor<double> input{{0, int64_t{1} << 61}, {}};
  const auto result = nn::cross_entropy(input, nn::Tensor<int64_t>{{0}, {}}, {});
  ASSERT_EQ(result.loss.data.size(), 1u);
  EXPECT_TRUE(std::isnan(result.loss.data[0]));
  EXPECT_TRUE(result.grad_input.data.empty());
}

TEST(HostileInput, HugeBatchWithAnEmptySpatialDimensionIsQuick) {
  // Before: the layout loops visited all 2^40 (empty) samples.
  const int64_t batch = int64_t{1} << 40;
  const nn::Tensor<double> input{{batch, 1, 0}, {}};
  const auto index = nn::cross_entropy(input, nn::Tensor<int64_t>{{batch, 0}, {}}, {});
  EXPECT_TRUE(std::isnan(index.loss.data.at(0)));
  const auto probs = nn::cross_entropy(input, nn::Tensor<double>{{batch, 1, 0}, {}}, {});
  EXPECT_TRUE(std::isnan(probs.loss.data.at(0)));
}

TEST(HostileInput, UnknownReductionStaysOnOneLine) {
  EXPECT_EQ(loss_error([] { nn::parse_reduction("me\nan"); }), "reduction 'me?an' is not one of none, mean, sum");
}

const std::string kGoldenCase = R"({"name": "a", "input_shape": [1, 3], "input": [-0.5, -0.2, -0.3],
  "target_kind": "index", "target_shape": [1], "target": [0], "weight": null, "ignore_index": -100,
  "reduction": "mean", "label_smoothing": 0.0, "expect_error": false,
  "output_shape": [], "output": [1.27], "grad_input": [-0.72, 0.38, 0.34]})";

std::string golden_error(const std::string& from, const std::string& to) {
  std::string text = R"({"cases": [)" + kGoldenCase + "]}";
  text.replace(text.find(from), from.size(), to);
  const std::string message = data::testing::expect_data_error([&] { data::parse_golden_cases(text, "g.json"); }, {});
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  return message;
}

TEST(HostileInput, GoldenShapeWhoseElementCountWrapsIsRejected) {
  EXPECT_EQ(golden_error(R"("output_shape": [])", R"("output_shape": [274177, 67280421310721])"),
            "g.json: case 0 \"a\": field \"output\": \"output_shape\" shape [274177, 67280421310721] has more "
            "elements than an int64_t can count");
}

TEST(HostileInput, GoldenTextWithNewlinesStaysOnOneLine) {
  EXPECT_EQ(golden_error(R"("target_kind": "index")", R"("target_kind": "in\ndex")"),
            R"(g.json: case 0 "a": field "target_kind": is "in\ndex", expected "index" or "probs")");
  EXPECT_EQ(golden_error(R"("name": "a", "input_shape": [1, 3])", R"("name": "a\nb", "input_shape": [1, -3])"),
            R"(g.json: case 0 "a\nb": field "input_shape": dimension 1 is -3, negative)");
  EXPECT_EQ(golden_error(R"("reduction": "mean")", R"("reduction": "me\nan")"),
            R"(g.json: case 0 "a": field "reduction": reduction 'me?an' is not one of none, mean, sum)");
}

TEST(HostileInput, PngFarTooSmallForItsSizeIsRejectedBeforeDecoding) {
  // A 1 x 1 picture whose header is changed to 8192 x 8192: stb_image would allocate 512 MB first.
  std::vector<uint8_t> png = data::testing::encode_png(1, 1, 1, {0});
  for (const int offset : {16, 20}) {  // IHDR width and height, big-endian
    png[offset] = 0;
    png[offset + 1] = 0;
    png[offset + 2] = 0x20;
    png[offset + 3] = 0;
  }
  data::testing::expect_data_error([&] { data::decode_png_luminance(png, "big.png"); },
                                   {"big.png: truncated: a 8192 x 8192 PNG", "more than a file of"});
}

TEST(HostileInput, DeeplyNestedStrokesAreAnErrorNotAStackOverflow) {
  const int depth = 1'000'000;
  const std::string text = R"({"canvas": [28, 28], "brush_radius": 1, "strokes": [)" + std::string(depth, '[') +
                           std::string(depth, ']') + "]}";
  data::testing::expect_data_error([&] { data::parse_drawings(text, "deep.json"); },
                                   {"deep.json:1: strokes[0][0]: expected [x, y] numbers, got [[[[[[[["});
}

}  // namespace
}  // namespace celab
