// A drawing as strokes, and its file format: one JSON object per line (.jsonl), or one object in a
// .json file:
//   {"label": 7, "canvas": [280, 280], "brush_radius": 10, "strokes": [[[x, y], ...], ...]}
// "label" (0..9) is optional; coordinates are pixels of that canvas, origin top-left, x right,
// y down. Unknown keys are ignored; everything else is checked, and errors name the file, the line
// and the field, e.g.  drawings.jsonl:3: strokes[0][2]: expected [x, y] numbers, got "abc"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace celab::data {

struct Point {
  double x = 0;
  double y = 0;
  bool operator==(const Point&) const = default;
};

using Stroke = std::vector<Point>;  // a polyline; one point is a dot

struct Drawing {
  std::optional<int> label;
  int canvas_width = 280;
  int canvas_height = 280;
  double brush_radius = 10;  // canvas pixels
  std::vector<Stroke> strokes;
};

// Accepted ranges: anything outside is a corrupt or hostile file, not a drawing.
inline constexpr int kMaxCanvasSide = 4096;
inline constexpr double kMaxBrushRadius = 1024;
// Points may leave the canvas (the mouse does), but by at most one canvas size on each side.
inline constexpr double kPointMarginCanvases = 1.0;

// One drawing from one JSON object; `where` prefixes error messages ("file.jsonl:3").
Drawing parse_drawing(std::string_view json_text, const std::string& where);

// A whole file's text: JSON lines (blank lines skipped), or a single (possibly multi-line) object.
// `name` is the file name used in error messages.
std::vector<Drawing> parse_drawings(std::string_view text, const std::string& name);

std::vector<Drawing> read_drawings(const std::string& path);

// One line of JSON, no trailing newline; parse_drawing(to_json_line(d)) gives d back exactly.
std::string to_json_line(const Drawing& drawing);

// Writes one line per drawing. Throws DataError naming the path on failure.
void write_drawings(const std::string& path, const std::vector<Drawing>& drawings);

}  // namespace celab::data
