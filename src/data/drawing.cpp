#include "data/drawing.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "data/file_bytes.h"
#include "data/json_excerpt.h"

namespace celab::data {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& field, const std::string& problem) {
  throw DataError(where + ": " + field + ": " + problem);
}

bool is_finite_number(const json& v) { return v.is_number() && std::isfinite(v.get<double>()); }

int parse_canvas_side(const json& v, const std::string& where, const char* field) {
  if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > kMaxCanvasSide)
    fail(where, field, "expected an integer 1.." + std::to_string(kMaxCanvasSide) + ", got " + json_excerpt(v));
  return static_cast<int>(v.get<int64_t>());
}

Point parse_point(const json& v, const std::string& where, const std::string& field, const Drawing& d) {
  if (!v.is_array() || v.size() != 2 || !is_finite_number(v[0]) || !is_finite_number(v[1]))
    fail(where, field, "expected [x, y] numbers, got " + json_excerpt(v));
  const Point p{v[0].get<double>(), v[1].get<double>()};
  const double mx = kPointMarginCanvases * d.canvas_width, my = kPointMarginCanvases * d.canvas_height;
  if (p.x < -mx || p.x > d.canvas_width + mx || p.y < -my || p.y > d.canvas_height + my)
    fail(where, field,
         "point " + json_excerpt(v) + " is too far outside the " + std::to_string(d.canvas_width) + " x " +
             std::to_string(d.canvas_height) + " canvas");
  return p;
}

const json& required(const json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) fail(where, key, "missing");
  return *it;
}

Drawing drawing_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) throw DataError(where + ": expected a JSON object, got " + json_excerpt(j));
  Drawing d;
  if (const auto it = j.find("label"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 9)
      fail(where, "label", "expected a digit 0..9, got " + json_excerpt(*it));
    d.label = static_cast<int>(it->get<int64_t>());
  }
  const json& canvas = required(j, "canvas", where);
  if (!canvas.is_array() || canvas.size() != 2)
    fail(where, "canvas", "expected [width, height], got " + json_excerpt(canvas));
  d.canvas_width = parse_canvas_side(canvas[0], where, "canvas[0]");
  d.canvas_height = parse_canvas_side(canvas[1], where, "canvas[1]");
  const json& radius = required(j, "brush_radius", where);
  if (!is_finite_number(radius) || radius.get<double>() <= 0 || radius.get<double>() > kMaxBrushRadius)
    fail(where, "brush_radius",
         "expected a number in (0, " + std::to_string(int(kMaxBrushRadius)) + "], got " + json_excerpt(radius));
  d.brush_radius = radius.get<double>();
  const json& strokes = required(j, "strokes", where);
  if (!strokes.is_array()) fail(where, "strokes", "expected a list of strokes, got " + json_excerpt(strokes));
  d.strokes.reserve(strokes.size());
  for (size_t s = 0; s < strokes.size(); ++s) {
    const std::string field = "strokes[" + std::to_string(s) + "]";
    if (!strokes[s].is_array()) fail(where, field, "expected a list of [x, y] points, got " + json_excerpt(strokes[s]));
    Stroke& stroke = d.strokes.emplace_back();
    stroke.reserve(strokes[s].size());
    for (size_t p = 0; p < strokes[s].size(); ++p)
      stroke.push_back(parse_point(strokes[s][p], where, field + "[" + std::to_string(p) + "]", d));
  }
  return d;
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string parse_problem(const json::exception& e) {
  const std::string what = e.what();
  const auto end = what.find("] ");
  return "invalid JSON: " + (end == std::string::npos ? what : what.substr(end + 2));
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Drawing parse_drawing(std::string_view json_text, const std::string& where) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::exception& e) {  // syntax errors, and numbers like 1e999 that overflow
    throw DataError(where + ": " + parse_problem(e));
  }
  return drawing_from_json(j, where);
}

std::vector<Drawing> parse_drawings(std::string_view text, const std::string& name) {
  // Split into lines; the first non-blank one decides between JSON lines and one multi-line object.
  std::vector<std::pair<size_t, std::string_view>> lines;  // (line number, text)
  for (size_t start = 0, number = 1; start < text.size(); ++number) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (const auto line = trimmed(text.substr(start, end - start)); !line.empty()) lines.emplace_back(number, line);
    start = end + 1;
  }
  if (lines.empty()) return {};
  if (!json::accept(lines.front().second)) {
    const size_t first_line = lines.front().first;
    json j;
    try {
      j = json::parse(text);
    } catch (const json::parse_error& e) {
      const size_t line = 1 + std::count(text.begin(), text.begin() + std::min(e.byte, text.size()), '\n');
      throw DataError(name + ":" + std::to_string(line) + ": " + parse_problem(e));
    } catch (const json::exception& e) {  // e.g. a number that overflows: no position known
      throw DataError(name + ":" + std::to_string(first_line) + ": " + parse_problem(e));
    }
    return {drawing_from_json(j, name + ":" + std::to_string(first_line))};
  }
  std::vector<Drawing> drawings;
  drawings.reserve(lines.size());
  for (const auto& [number, line] : lines) drawings.push_back(parse_drawing(line, name + ":" + std::to_string(number)));
  return drawings;
}

std::vector<Drawing> read_drawings(const std::string& path) {
  return parse_drawings(read_file_text(path, uint64_t{1} << 28), path);
}

std::string to_json_line(const Drawing& drawing) {
  nlohmann::ordered_json j;
  if (drawing.label) j["label"] = *drawing.label;
  j["canvas"] = {drawing.canvas_width, drawing.canvas_height};
  j["brush_radius"] = drawing.brush_radius;
  auto& strokes = j["strokes"] = nlohmann::ordered_json::array();
  for (const Stroke& stroke : drawing.strokes) {
    auto& points = strokes.emplace_back(nlohmann::ordered_json::array());
    for (const Point& p : stroke) points.push_back({p.x, p.y});
  }
  return j.dump();
}

void write_drawings(const std::string& path, const std::vector<Drawing>& drawings) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) throw DataError(path + ": cannot open for writing: " + std::strerror(errno));
  for (const Drawing& d : drawings) {
    const std::string line = to_json_line(d) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), f.get()) != line.size())
      throw DataError(path + ": write error: " + std::strerror(errno));
  }
  if (std::fclose(f.release()) != 0) throw DataError(path + ": write error: " + std::strerror(errno));
}

}  // namespace celab::data
