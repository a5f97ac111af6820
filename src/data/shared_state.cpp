#include "data/shared_state.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "data/base64url.h"
#include "data/file_bytes.h"
#include "nn/architecture.h"

namespace celab::data {
namespace {

constexpr uint8_t kVersion = 1;
constexpr int kSmoothingSteps = 100;  // label smoothing in hundredths
constexpr int kWeightSteps = 10;      // class weights in tenths
constexpr int64_t kGridMin = static_cast<int64_t>(-kPointMarginCanvases * kSharedCanvasSide * kSharedGridPerPixel);
constexpr int64_t kGridMax = static_cast<int64_t>((1 + kPointMarginCanvases) * kSharedCanvasSide * kSharedGridPerPixel);
constexpr uint8_t kWeightedFlag = 4;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

std::string pixels(int64_t grid) { return number(static_cast<double>(grid) / kSharedGridPerPixel); }

std::string coordinate_range() {
  std::string range = "[";  // appended, not `"[" + ...`: GCC 12 warns (-Wrestrict) on that falsely
  range += pixels(kGridMin);
  range += ", ";
  range += pixels(kGridMax);
  range += "]";
  return range;
}

// The link's bytes, read front to back; every failure names the link and what was being read.
class Reader {
 public:
  Reader(std::vector<uint8_t> bytes, const std::string& name) : bytes_(std::move(bytes)), name_(name) {}

  [[noreturn]] void fail(const std::string& what) const { throw DataError(name_ + ": " + what); }

  size_t left() const { return bytes_.size() - at_; }

  uint8_t byte(const char* what) {
    if (at_ >= bytes_.size()) fail(std::string("ends before ") + what);
    return bytes_[at_++];
  }

  uint32_t varint(const std::string& what) {
    uint64_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at_ >= bytes_.size()) fail("ends inside " + what);
      const uint8_t b = bytes_[at_++];
      value |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) {
        if (value > UINT32_MAX) fail(what + " is too large (" + std::to_string(value) + ")");
        return static_cast<uint32_t>(value);
      }
    }
    fail(what + " is longer than 5 bytes");
  }

  int64_t zigzag(const std::string& what) {
    const uint32_t v = varint(what);
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }

  double float64(const std::string& what) {
    if (left() < 8) fail("ends inside " + what);
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= uint64_t(bytes_[at_++]) << (8 * i);
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);  // (Emscripten's libc++ has no std::bit_cast)
    return value;
  }

 private:
  std::vector<uint8_t> bytes_;
  size_t at_ = 0;
  const std::string& name_;
};

void put_varint(std::vector<uint8_t>& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

void put_zigzag(std::vector<uint8_t>& out, int64_t v) { put_varint(out, static_cast<uint32_t>((v << 1) ^ (v >> 63))); }

void put_float64(std::vector<uint8_t>& out, double v) {
  uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
}

// `value` in whole steps (value * steps rounded), required to lie in [0, max_steps].
uint8_t steps_of(double value, int steps, int max_steps, const char* what) {
  const double scaled = std::round(value * steps);
  if (!(scaled >= 0 && scaled <= max_steps))
    throw std::invalid_argument(std::string(what) + " " + number(value) + " cannot be shared");
  return static_cast<uint8_t>(scaled);
}

int64_t grid_of(double coordinate) {
  const double scaled = std::round(coordinate * kSharedGridPerPixel);
  if (!(scaled >= static_cast<double>(kGridMin) && scaled <= static_cast<double>(kGridMax)))
    throw std::invalid_argument("point coordinate " + number(coordinate) + " is outside " + coordinate_range());
  return static_cast<int64_t>(scaled);
}

bool radius_ok(double radius) { return std::isfinite(radius) && radius > 0 && radius <= kMaxBrushRadius; }

}  // namespace

bool operator==(const SharedState& a, const SharedState& b) {
  return a.strokes == b.strokes && a.target == b.target && a.options.weight == b.options.weight &&
         a.options.ignore_index == b.options.ignore_index && a.options.reduction == b.options.reduction &&
         a.options.label_smoothing == b.options.label_smoothing;
}

Point snap_to_shared_grid(Point p) {
  return {std::round(p.x * kSharedGridPerPixel) / kSharedGridPerPixel,
          std::round(p.y * kSharedGridPerPixel) / kSharedGridPerPixel};
}

std::string encode_shared_state(const SharedState& state) {
  if (state.target < 0 || state.target >= nn::kClasses)
    throw std::invalid_argument("target " + std::to_string(state.target) + " is not a class");
  const auto& options = state.options;
  if (!options.weight.empty() && options.weight.size() != static_cast<size_t>(nn::kClasses))
    throw std::invalid_argument(std::to_string(options.weight.size()) + " class weights, expected " +
                                std::to_string(nn::kClasses));
  if (state.strokes.size() > kMaxSharedStrokes)
    throw std::invalid_argument(std::to_string(state.strokes.size()) + " strokes: a link holds at most " +
                                std::to_string(kMaxSharedStrokes));
  std::vector<uint8_t> out{kVersion, static_cast<uint8_t>(state.target),
                           steps_of(options.label_smoothing, kSmoothingSteps, kSmoothingSteps, "label smoothing")};
  uint8_t flags = 0;
  for (uint8_t r = 0; r < 3; ++r)
    if (nn::kReductions[r] == options.reduction) flags = r;
  if (!options.weight.empty()) flags |= kWeightedFlag;
  out.push_back(flags);
  for (const double w : options.weight)
    out.push_back(steps_of(w, kWeightSteps, static_cast<int>(kMaxSharedClassWeight * kWeightSteps), "class weight"));
  put_varint(out, static_cast<uint32_t>(state.strokes.size()));
  for (const SharedStroke& stroke : state.strokes) {
    if (!radius_ok(stroke.radius))
      throw std::invalid_argument("brush radius " + number(stroke.radius) + " cannot be shared");
    if (stroke.points.empty()) throw std::invalid_argument("a stroke without points cannot be shared");
    put_float64(out, stroke.radius);
    put_varint(out, static_cast<uint32_t>(stroke.points.size()));
    int64_t x = 0, y = 0;
    for (const Point& p : stroke.points) {
      const int64_t gx = grid_of(p.x), gy = grid_of(p.y);
      put_zigzag(out, gx - x);
      put_zigzag(out, gy - y);
      x = gx;
      y = gy;
    }
  }
  return encode_base64url(out);
}

SharedState decode_shared_state(std::string_view text, const std::string& name) {
  if (text.empty()) throw DataError(name + ": empty");
  if (text.size() > kMaxSharedTextLength)
    throw DataError(name + ": " + std::to_string(text.size()) + " characters, more than the " +
                    std::to_string(kMaxSharedTextLength) + " a shared drawing takes");
  Reader in(decode_base64url(text, name), name);
  if (const uint8_t version = in.byte("the version"); version != kVersion)
    in.fail("version " + std::to_string(version) + ", expected " + std::to_string(kVersion));
  SharedState state;
  state.target = in.byte("the target");
  if (state.target >= nn::kClasses)
    in.fail("target " + std::to_string(state.target) + " is not a class 0.." + std::to_string(nn::kClasses - 1));
  const uint8_t smoothing = in.byte("the label smoothing");
  if (smoothing > kSmoothingSteps) in.fail("label smoothing " + std::to_string(smoothing) + "/100 is more than 1");
  state.options.label_smoothing = smoothing / double(kSmoothingSteps);
  const uint8_t flags = in.byte("the options");
  if ((flags & 3) > 2 || (flags & ~(3 | kWeightedFlag)))
    in.fail("options byte " + std::to_string(flags) + " is not a reduction (0-2) and weight flag (4)");
  state.options.reduction = nn::kReductions[flags & 3];
  if (flags & kWeightedFlag) {
    for (int k = 0; k < nn::kClasses; ++k) {
      const uint8_t w = in.byte("the class weights");
      if (w > kMaxSharedClassWeight * kWeightSteps)
        in.fail("class weight " + std::to_string(k) + " is " + number(w / double(kWeightSteps)) + ", more than " +
                std::to_string(int(kMaxSharedClassWeight)));
      state.options.weight.push_back(w / double(kWeightSteps));
    }
  }
  const uint32_t stroke_count = in.varint("the stroke count");
  // Each stroke takes at least 11 bytes (radius, count, one point): a count beyond that is a lie.
  if (stroke_count > kMaxSharedStrokes || stroke_count > in.left() / 11)
    in.fail(std::to_string(stroke_count) + " strokes in " + std::to_string(in.left()) + " bytes");
  state.strokes.resize(stroke_count);
  for (uint32_t s = 0; s < stroke_count; ++s) {
    const std::string where = "stroke " + std::to_string(s);
    SharedStroke& stroke = state.strokes[s];
    stroke.radius = in.float64(where + "'s radius");
    if (!radius_ok(stroke.radius))
      in.fail(where + ": brush radius " + number(stroke.radius) + " is outside (0, " +
              std::to_string(int(kMaxBrushRadius)) + "]");
    const uint32_t count = in.varint(where + "'s point count");
    if (count == 0 || count > in.left() / 2)  // two bytes per point at least
      in.fail(where + ": " + std::to_string(count) + " points in " + std::to_string(in.left()) + " bytes");
    stroke.points.reserve(count);
    int64_t x = 0, y = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const std::string point = where + ", point " + std::to_string(i);
      x += in.zigzag(point);
      y += in.zigzag(point);
      for (const auto& [axis, v] : {std::pair{"x", x}, std::pair{"y", y}})
        if (v < kGridMin || v > kGridMax)
          in.fail(point + ": " + axis + " = " + pixels(v) + " is outside " + coordinate_range());
      stroke.points.push_back(
          {static_cast<double>(x) / kSharedGridPerPixel, static_cast<double>(y) / kSharedGridPerPixel});
    }
  }
  if (in.left() != 0) in.fail(std::to_string(in.left()) + " bytes after the last stroke");
  return state;
}

}  // namespace celab::data
