// libFuzzer target: the strokes reader (src/data/drawing.h, parse_drawings) on arbitrary text;
// every drawing it accepts must keep the format's promises, survive the round trip through
// to_json_line, and go through the MNIST recipe (src/data/preprocess.h) as `celab predict
// --strokes` and `celab eval-strokes` take it.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/preprocess.h"
#include "fuzz_check.h"

using celab::data::DataError;
using celab::data::Drawing;
using celab::fuzz::require;
using celab::fuzz::returns_or_throws;

namespace {

void check_promises(const Drawing& d) {
  require(!d.label || (*d.label >= 0 && *d.label <= 9), "label is not a digit");
  require(d.canvas_width >= 1 && d.canvas_width <= celab::data::kMaxCanvasSide, "canvas width out of range");
  require(d.canvas_height >= 1 && d.canvas_height <= celab::data::kMaxCanvasSide, "canvas height out of range");
  require(d.brush_radius > 0 && d.brush_radius <= celab::data::kMaxBrushRadius, "brush radius out of range");
  const double mx = celab::data::kPointMarginCanvases * d.canvas_width;
  const double my = celab::data::kPointMarginCanvases * d.canvas_height;
  for (const auto& stroke : d.strokes)
    for (const auto& p : stroke)
      require(std::isfinite(p.x) && std::isfinite(p.y) && p.x >= -mx && p.x <= d.canvas_width + mx && p.y >= -my &&
                  p.y <= d.canvas_height + my,
              "point outside the accepted range");
}

bool same(const Drawing& a, const Drawing& b) {
  if (a.label != b.label || a.canvas_width != b.canvas_width || a.canvas_height != b.canvas_height ||
      a.brush_radius != b.brush_radius || a.strokes.size() != b.strokes.size())
    return false;
  for (size_t s = 0; s < a.strokes.size(); ++s) {
    if (a.strokes[s].size() != b.strokes[s].size()) return false;
    for (size_t p = 0; p < a.strokes[s].size(); ++p)
      if (a.strokes[s][p].x != b.strokes[s][p].x || a.strokes[s][p].y != b.strokes[s][p].y) return false;
  }
  return true;
}

// Pixels the brush visits (each segment's box, at most the canvas) plus the canvas itself: the
// recipe is linear in this, so a budget keeps executions fast without skipping any kind of drawing.
double painting_work(const Drawing& d) {
  const double canvas = double(d.canvas_width) * d.canvas_height, reach = 2 * d.brush_radius + 2;
  double work = canvas;
  for (const auto& stroke : d.strokes)
    for (size_t i = 0; i < stroke.size(); ++i) {
      const auto& a = stroke[i];
      const auto& b = stroke[i == 0 ? 0 : i - 1];
      work += std::min(canvas, (std::abs(a.x - b.x) + reach) * (std::abs(a.y - b.y) + reach));
    }
  return work;
}

constexpr double kPaintingBudget = 1 << 22;

void check_model_input(const Drawing& d) {
  const auto input = celab::data::preprocess_drawing(d);
  if (d.strokes.empty()) require(!input, "a drawing without strokes gave a digit");
  if (!input) return;
  float total = 0;
  for (const float v : *input) {
    require(std::isfinite(v) && v >= 0 && v <= 1, "model input value outside [0, 1]");
    total += v;
  }
  require(total > 0, "a drawing with ink gave an empty model input");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.jsonl";
  std::vector<Drawing> drawings;
  if (!returns_or_throws<DataError>([&] { drawings = celab::data::parse_drawings(text, name); }, name)) return 0;
  for (const Drawing& d : drawings) {
    check_promises(d);
    Drawing back;
    require(returns_or_throws<DataError>(
                [&] { back = celab::data::parse_drawing(celab::data::to_json_line(d), "round trip"); }, "round trip"),
            "to_json_line wrote a line that parse_drawing rejects");
    require(same(back, d), "round trip through to_json_line changed the drawing");
    if (painting_work(d) <= kPaintingBudget) check_model_input(d);
  }
  return 0;
}
