// libFuzzer target: the link decoder of "Copy link" (src/data/shared_state.h) on arbitrary text, as
// a page reads it from a URL fragment anyone can write. A state it accepts must keep the format's
// promises and survive the round trip through encode_shared_state exactly.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/shared_state.h"
#include "fuzz_check.h"
#include "nn/architecture.h"

using celab::data::DataError;
using celab::data::SharedState;
using celab::fuzz::require;
using celab::fuzz::returns_or_throws;

namespace {

void check_promises(const SharedState& s) {
  namespace data = celab::data;
  require(s.target >= 0 && s.target < celab::nn::kClasses, "target is not a class");
  const auto& o = s.options;
  require(o.label_smoothing >= 0 && o.label_smoothing <= 1, "label smoothing outside [0, 1]");
  require(o.weight.empty() || o.weight.size() == size_t(celab::nn::kClasses), "wrong number of class weights");
  for (const double w : o.weight) require(w >= 0 && w <= data::kMaxSharedClassWeight, "class weight out of range");
  require(s.strokes.size() <= data::kMaxSharedStrokes, "too many strokes");
  const double lo = -data::kPointMarginCanvases * data::kSharedCanvasSide;
  const double hi = (1 + data::kPointMarginCanvases) * data::kSharedCanvasSide;
  for (const auto& stroke : s.strokes) {
    require(std::isfinite(stroke.radius) && stroke.radius > 0 && stroke.radius <= data::kMaxBrushRadius,
            "brush radius out of range");
    require(!stroke.points.empty(), "a stroke without points");
    for (const auto& p : stroke.points) {
      require(p.x >= lo && p.x <= hi && p.y >= lo && p.y <= hi, "point outside the margin");
      const auto snapped = data::snap_to_shared_grid(p);
      require(snapped.x == p.x && snapped.y == p.y, "point off the grid");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string name = "link";
  SharedState state;
  if (!returns_or_throws<DataError>([&] { state = celab::data::decode_shared_state(text, name); }, name)) return 0;
  check_promises(state);
  SharedState back;
  require(returns_or_throws<DataError>(
              [&] { back = celab::data::decode_shared_state(celab::data::encode_shared_state(state), "round trip"); },
              "round trip"),
          "encode_shared_state wrote a link that decode_shared_state rejects");
  require(back == state, "round trip through encode_shared_state changed the state");
  return 0;
}
