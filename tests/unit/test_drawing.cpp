#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "data/drawing.h"
#include "data_test_util.h"

namespace celab::data {
namespace {

using testing::expect_data_error;

const std::string kSeven =
    R"({"label": 7, "canvas": [280, 200], "brush_radius": 10.5, "strokes": [[[60, 50], [220.5, 52]], [[200, 60]]]})";

// kSeven with the value of `key` replaced by the JSON text `value`.
std::string seven_with(const std::string& key, const std::string& value) {
  nlohmann::json j = nlohmann::json::parse(kSeven);
  j[key] = nlohmann::json::parse(value);
  return j.dump();
}

TEST(Drawing, ParsesAllFields) {
  const Drawing d = parse_drawing(kSeven, "x");
  EXPECT_EQ(d.label, 7);
  EXPECT_EQ(d.canvas_width, 280);
  EXPECT_EQ(d.canvas_height, 200);
  EXPECT_DOUBLE_EQ(d.brush_radius, 10.5);
  ASSERT_EQ(d.strokes.size(), 2u);
  ASSERT_EQ(d.strokes[0].size(), 2u);
  EXPECT_DOUBLE_EQ(d.strokes[0][1].x, 220.5);
  EXPECT_DOUBLE_EQ(d.strokes[0][1].y, 52);
  EXPECT_EQ(d.strokes[1].size(), 1u);
}

TEST(Drawing, LabelIsOptionalAndUnknownKeysAreIgnored) {
  EXPECT_FALSE(parse_drawing(R"({"canvas": [280, 280], "brush_radius": 8, "strokes": []})", "x").label);
  EXPECT_FALSE(parse_drawing(seven_with("label", "null"), "x").label);
  EXPECT_EQ(parse_drawing(seven_with("note", "\"slanted\""), "x").label, 7);
}

TEST(Drawing, ErrorsNameFileLineAndField) {
  const std::string text = std::string(kSeven) + "\n\n" +
                           R"({"canvas": [280, 280], "brush_radius": 10, "strokes": [[[1, 2], [3, 4], "abc"]]})";
  const auto message = expect_data_error([&] { parse_drawings(text, "drawings.jsonl"); }, {});
  EXPECT_EQ(message, R"(drawings.jsonl:3: strokes[0][2]: expected [x, y] numbers, got "abc")");
}

TEST(Drawing, RejectsBadFields) {
  const auto bad = [](const std::string& key, const std::string& value, std::initializer_list<std::string> parts) {
    expect_data_error([&] { parse_drawing(seven_with(key, value), "f:1"); }, parts);
  };
  bad("label", "10", {"f:1: label: expected a digit 0..9, got 10"});
  bad("label", "\"7\"", {"label: expected a digit 0..9, got \"7\""});
  bad("label", "7.5", {"label: expected a digit 0..9, got 7.5"});
  bad("canvas", "[280]", {"canvas: expected [width, height], got [280]"});
  bad("canvas", "[0, 280]", {"canvas[0]: expected an integer 1..4096, got 0"});
  bad("canvas", "[280, 1e9]", {"canvas[1]: expected an integer 1..4096"});
  bad("brush_radius", "-1", {"brush_radius: expected a number in (0, 1024], got -1"});
  bad("brush_radius", "0", {"brush_radius: expected a number in (0, 1024]"});
  bad("strokes", "{}", {"strokes: expected a list of strokes, got {}"});
  bad("strokes", "[3]", {"strokes[0]: expected a list of [x, y] points, got 3"});
  bad("strokes", "[[1, 2]]", {"strokes[0][0]: expected [x, y] numbers, got 1"});
  bad("strokes", "[[], [[1, 2, 3]]]", {"strokes[1][0]: expected [x, y] numbers, got [1,2,3]"});
  bad("strokes", "[[[1, null]]]", {"strokes[0][0]: expected [x, y] numbers, got [1,null]"});
  bad("strokes", "[[[1, 2], [100000, 2]]]",
      {"strokes[0][1]: point [100000,2] is too far outside the 280 x 200 canvas"});
  bad("strokes", "[[[1, -201]]]", {"strokes[0][0]: point [1,-201] is too far outside"});
  expect_data_error([] { parse_drawing(R"({"canvas": [280, 280], "strokes": []})", "f:2"); },
                    {"f:2: brush_radius: missing"});
  expect_data_error([] { parse_drawing("[1, 2]", "f:1"); }, {"f:1: expected a JSON object, got [1,2]"});
  // JSON has no NaN or infinity; a number too large for a double is an error, not infinity.
  expect_data_error([] { parse_drawing(R"({"canvas": [280, 280], "brush_radius": 1e999, "strokes": []})", "f:4"); },
                    {"f:4: invalid JSON: number overflow parsing '1e999'"});
  expect_data_error([] { parse_drawing(R"({"canvas": [280, 280], "brush_radius": NaN, "strokes": []})", "f:5"); },
                    {"f:5: invalid JSON"});
}

TEST(Drawing, PointsMayLeaveTheCanvasALittle) {
  const Drawing d = parse_drawing(seven_with("strokes", "[[[-10, 210.5], [290, -5]]]"), "x");
  EXPECT_DOUBLE_EQ(d.strokes[0][0].x, -10);
}

TEST(Drawing, InvalidJsonGivesTheLine) {
  const std::string text = std::string(kSeven) + "\n" + R"({"canvas": [280, 280], "brush_radius": 10, "strokes": [)";
  expect_data_error([&] { parse_drawings(text, "d.jsonl"); }, {"d.jsonl:2: invalid JSON", "syntax error"});
  expect_data_error([&] { parse_drawings("{\n  \"canvas\": [280, 280],\n  oops\n}\n", "d.json"); },
                    {"d.json:3: invalid JSON"});
}

TEST(Drawing, ReadsJsonLinesAndSingleObjects) {
  EXPECT_EQ(parse_drawings(std::string(kSeven) + "\n" + kSeven + "\n\n", "x").size(), 2u);
  EXPECT_TRUE(parse_drawings("\n  \n", "x").empty());
  const auto single = parse_drawings(
      "{\n  \"label\": 3,\n  \"canvas\": [280, 280],\n  \"brush_radius\": 9,\n  \"strokes\": [[[1, 2]]]\n}\n",
      "x.json");
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].label, 3);
  // Field errors in a multi-line object name the line the object starts on and the field.
  expect_data_error(
      [] { parse_drawings("\n{\n  \"canvas\": [280, 280],\n  \"brush_radius\": 0,\n  \"strokes\": []\n}", "x.json"); },
      {"x.json:2: brush_radius: expected a number in (0, 1024]"});
}

void expect_same(const Drawing& a, const Drawing& b) {
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.canvas_width, b.canvas_width);
  EXPECT_EQ(a.canvas_height, b.canvas_height);
  EXPECT_EQ(a.brush_radius, b.brush_radius);
  ASSERT_EQ(a.strokes.size(), b.strokes.size());
  for (size_t s = 0; s < a.strokes.size(); ++s) {
    ASSERT_EQ(a.strokes[s].size(), b.strokes[s].size());
    for (size_t p = 0; p < a.strokes[s].size(); ++p) {
      EXPECT_EQ(a.strokes[s][p].x, b.strokes[s][p].x);  // exact: numbers are written round-trip
      EXPECT_EQ(a.strokes[s][p].y, b.strokes[s][p].y);
    }
  }
}

TEST(Drawing, WritesBackExactly) {
  Drawing d = parse_drawing(kSeven, "x");
  d.strokes[0].push_back({0.1 + 0.2, 1.0 / 3.0});
  const std::string line = to_json_line(d);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.rfind(R"({"label":7,"canvas":[280,200],"brush_radius":10.5,"strokes":[[[60)", 0), 0u) << line;
  expect_same(parse_drawing(line, "x"), d);

  Drawing unlabelled = d;
  unlabelled.label.reset();
  testing::TempDir dir;
  write_drawings(dir.file("out.jsonl"), {d, unlabelled});
  const auto back = read_drawings(dir.file("out.jsonl"));
  ASSERT_EQ(back.size(), 2u);
  expect_same(back[0], d);
  expect_same(back[1], unlabelled);
  expect_data_error([&] { write_drawings(dir.file("no/such/dir.jsonl"), {d}); }, {"no/such/dir.jsonl: cannot open"});
}

TEST(Drawing, ReadsTheSharedSample) {
  const std::string path = std::string(CELAB_SHARED_DIR) + "/drawings/mouse_digits_sample.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  const auto drawings = read_drawings(path);
  ASSERT_EQ(drawings.size(), 50u);
  for (const Drawing& d : drawings) {
    EXPECT_TRUE(d.label.has_value());
    EXPECT_FALSE(d.strokes.empty());
  }
}

}  // namespace
}  // namespace celab::data
