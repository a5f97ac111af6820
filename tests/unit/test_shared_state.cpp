// The link format of "Copy link" (src/data/shared_state.h) and its base64url layer: exact round
// trips, compactness, and a clear DataError for every kind of bad link.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "data/base64url.h"
#include "data/drawing.h"
#include "data/shared_state.h"
#include "data_test_util.h"
#include "nn/architecture.h"

namespace celab::data {
namespace {

using testing::expect_data_error;

// A drawn 7 (two strokes, sub-pixel points on the grid), target 3, every option set.
SharedState seven() {
  SharedState s;
  s.strokes.push_back({12.5, {{60, 50}, {220.125, 52.5}, {130.75, 250}}});
  s.strokes.push_back({10.300000190734863, {{100, 140}}});  // a float radius (the slider's), one dot
  s.target = 3;
  s.options.label_smoothing = 0.15;
  s.options.reduction = nn::Reduction::Sum;
  s.options.weight = {1, 0.5, 2, 10, 0, 1, 1, 1.5, 3.2, 1};
  return s;
}

std::vector<uint8_t> bytes_of(std::initializer_list<int> values) {
  std::vector<uint8_t> bytes;
  for (int v : values) bytes.push_back(static_cast<uint8_t>(v));
  return bytes;
}

TEST(Base64Url, RoundTripsEveryLength) {
  std::vector<uint8_t> bytes;
  for (int n = 0; n < 70; ++n) {
    EXPECT_EQ(decode_base64url(encode_base64url(bytes), "x"), bytes) << n << " bytes";
    bytes.push_back(static_cast<uint8_t>(n * 37 + 250));
  }
}

TEST(Base64Url, UsesTheUrlSafeAlphabetWithoutPadding) {
  EXPECT_EQ(encode_base64url(bytes_of({0xfb, 0xff})), "-_8");
  EXPECT_EQ(encode_base64url(bytes_of({'M', 'a', 'n'})), "TWFu");
  EXPECT_EQ(decode_base64url("TWE", "x"), bytes_of({'M', 'a'}));
}

TEST(Base64Url, RejectsWhatIsNotBase64UrlNamingIt) {
  expect_data_error([] { decode_base64url("TWFu+A", "link"); }, {"link: ", "'+' at position 4"});
  expect_data_error([] { decode_base64url("TWE=", "link"); }, {"'=' at position 3"});
  expect_data_error([] { decode_base64url("TWFuT", "link"); }, {"5 characters"});
  expect_data_error([] { decode_base64url(std::string("TW\0u", 4), "link"); }, {"byte 0 at position 2"});
}

TEST(SharedState, RoundTripsExactly) {
  const SharedState s = seven();
  const SharedState back = decode_shared_state(encode_shared_state(s), "link");
  EXPECT_TRUE(back == s);
  ASSERT_EQ(back.strokes.size(), 2u);
  EXPECT_EQ(back.strokes[1].radius, 10.300000190734863);
  EXPECT_EQ(back.strokes[0].points[1].x, 220.125);
  EXPECT_EQ(back.options.label_smoothing, 0.15);
  EXPECT_EQ(back.options.weight[8], 3.2);
  EXPECT_EQ(back.options.reduction, nn::Reduction::Sum);
}

TEST(SharedState, DefaultsRoundTrip) {
  SharedState s;
  s.target = 9;
  const SharedState back = decode_shared_state(encode_shared_state(s), "link");
  EXPECT_TRUE(back == s);
  EXPECT_TRUE(back.options.weight.empty());
  EXPECT_EQ(back.options.reduction, nn::Reduction::Mean);
  EXPECT_EQ(back.options.ignore_index, -100);
}

TEST(SharedState, OwnDrawingsSnappedRoundTripAndStayCompact) {
  const auto drawings = read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  size_t points = 0, characters = 0;
  for (const Drawing& d : drawings) {
    SharedState s;
    for (const Stroke& stroke : d.strokes) {
      SharedStroke shared{d.brush_radius, {}};
      for (const Point& p : stroke) shared.points.push_back(snap_to_shared_grid(p));
      s.strokes.push_back(shared);
      points += stroke.size();
    }
    const std::string text = encode_shared_state(s);
    characters += text.size();
    EXPECT_TRUE(decode_shared_state(text, "link") == s);
  }
  // About two bytes a point (one per coordinate step): under 4 characters of link per point (3.6 here,
  // about 180 characters for a drawing of these 300).
  EXPECT_LT(static_cast<double>(characters) / static_cast<double>(points), 4.0)
      << characters << " characters for " << points << " points";
}

TEST(SharedState, SnapsToTheGrid) {
  const Point p = snap_to_shared_grid({10.06, -3.3});
  EXPECT_EQ(p.x, 10.0);
  EXPECT_EQ(p.y, -3.25);
  EXPECT_EQ(snap_to_shared_grid(p).x, p.x);
}

TEST(SharedState, EncodingRefusesWhatALinkCannotHold) {
  SharedState s = seven();
  s.target = nn::kClasses;
  EXPECT_THROW(encode_shared_state(s), std::invalid_argument);
  s = seven();
  s.options.weight.pop_back();
  EXPECT_THROW(encode_shared_state(s), std::invalid_argument);
  s = seven();
  s.strokes[0].points.clear();
  EXPECT_THROW(encode_shared_state(s), std::invalid_argument);
  s = seven();
  s.strokes[0].points[0].x = 600;
  EXPECT_THROW(encode_shared_state(s), std::invalid_argument);
  s = seven();
  s.options.weight[0] = 11;
  EXPECT_THROW(encode_shared_state(s), std::invalid_argument);
}

// The link of seven() with its bytes edited by `edit`.
std::string edited(const std::function<void(std::vector<uint8_t>&)>& edit) {
  std::vector<uint8_t> bytes = decode_base64url(encode_shared_state(seven()), "x");
  edit(bytes);
  return encode_base64url(bytes);
}

TEST(SharedState, RejectsBadLinksNamingTheProblem) {
  expect_data_error([] { decode_shared_state("", "link"); }, {"link: empty"});
  expect_data_error([] { decode_shared_state("not a link!", "link"); }, {"link: ", "' ' at position 3"});
  expect_data_error([] { decode_shared_state(std::string(kMaxSharedTextLength + 1, 'A'), "link"); },
                    {"characters, more than"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[0] = 2; }), "link"); }, {"version 2, expected 1"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[1] = 10; }), "link"); },
                    {"target 10 is not a class"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[2] = 101; }), "link"); },
                    {"label smoothing 101/100"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[3] = 3 | 4; }), "link"); }, {"options byte 7"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[3] = 8; }), "link"); }, {"options byte 8"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b[4 + 3] = 101; }), "link"); },
                    {"class weight 3 is 10.1"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b.resize(b.size() - 1); }), "link"); },
                    {"link: ", "ends inside stroke 1, point 0"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b.push_back(0); }), "link"); },
                    {"1 bytes after the last stroke"});
  expect_data_error([] { decode_shared_state(edited([](auto& b) { b.resize(5); }), "link"); },
                    {"ends before the class weights"});
}

TEST(SharedState, RejectsHostileCountsAndValues) {
  // Expects a link of a header without weights and then `strokes` to be refused with `message`.
  const auto refused = [](std::initializer_list<int> strokes, const char* message) {
    std::vector<uint8_t> b = bytes_of({1, 0, 0, 0});
    for (int v : strokes) b.push_back(static_cast<uint8_t>(v));
    const std::string text = encode_base64url(b);
    SCOPED_TRACE(message);
    expect_data_error([&] { decode_shared_state(text, "link"); }, {message});
  };
  // A billion strokes announced in a few bytes: refused before any memory is taken.
  refused({0x80, 0x94, 0xeb, 0xdc, 0x03}, "1000000000 strokes in 0 bytes");
  refused({0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, "the stroke count is longer than 5 bytes");
  // Radius 0, then NaN.
  refused({1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, "stroke 0: brush radius 0 is outside (0, 1024]");
  refused({1, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 1, 0, 0}, "stroke 0: brush radius nan");
  // Radius 8 (0x4020000000000000): a point count larger than the bytes left, then none.
  refused({1, 0, 0, 0, 0, 0, 0, 0x20, 0x40, 100, 0, 0}, "stroke 0: 100 points in 2 bytes");
  refused({1, 0, 0, 0, 0, 0, 0, 0x20, 0x40, 0, 0, 0}, "stroke 0: 0 points");
  // x = +4481 grid steps = 560.125 px (zigzag 8962 = 0x82 0x46): one step beyond the margin.
  refused({1, 0, 0, 0, 0, 0, 0, 0x20, 0x40, 1, 0x82, 0x46, 0}, "stroke 0, point 0: x = 560.125 is outside [-280, 560]");
}

}  // namespace
}  // namespace celab::data
