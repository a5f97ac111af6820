// What a link to the page carries ("Copy link"): the drawing's strokes, the target class and the
// loss options, as URL-safe text for the fragment, so whoever opens it sees the same drawing,
// prediction and loss. Compact: points lie on a grid of kSharedGridPerPixel steps per pixel of the
// strokes format's 280 x 280 canvas (the drawing pad keeps its points there too, so a link loses
// nothing) and each is stored as a small step from the one before, one or two bytes per
// coordinate; a stroke's brush radius is kept exactly.
//
// The text is base64url (no padding) of: version 1; target; label smoothing in hundredths; flags
// (bits 0-1: reduction mean 0 / sum 1 / none 2, bit 2: class weights follow); if weighted, one
// byte per class, in tenths; the stroke count (varint); per stroke its radius (8-byte IEEE double,
// little-endian), its point count (varint) and the points (zigzag varints: x then y, each the
// step from the previous point, the first from (0, 0)), in grid steps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "data/drawing.h"
#include "nn/loss_options.h"

namespace celab::data {

inline constexpr int kSharedCanvasSide = 280;  // the strokes format's canvas
inline constexpr int kSharedGridPerPixel = 8;  // 1/8 pixel: finer than any pointer
inline constexpr double kMaxSharedClassWeight = 10;
inline constexpr size_t kMaxSharedTextLength = 256 * 1024;  // longer is no drawing of ours
inline constexpr size_t kMaxSharedStrokes = 10'000;

struct SharedStroke {
  double radius = 0;  // brush radius in canvas pixels, in (0, kMaxBrushRadius]
  Stroke points;      // on the grid, within kPointMarginCanvases of the canvas; at least one
  bool operator==(const SharedStroke&) const = default;
};

struct SharedState {
  std::vector<SharedStroke> strokes;
  int target = 0;  // a class of nn/architecture.h
  // label_smoothing in hundredths, weight empty or one per class in tenths up to
  // kMaxSharedClassWeight, reduction; ignore_index is not shared (the page has no such control).
  nn::CrossEntropyOptions<double> options;
};

bool operator==(const SharedState& a, const SharedState& b);

// The grid point nearest `p`: where the drawing pad keeps points, so that a link holds them exactly.
Point snap_to_shared_grid(Point p);

// The link text. Values between grid steps are rounded to the nearest (points, smoothing,
// weights); throws std::invalid_argument for what a link cannot hold (a target that is no class,
// a stroke without points or with a radius out of range, points beyond the margin, the wrong
// number of weights).
std::string encode_shared_state(const SharedState& state);

// Reads link text back. Anything malformed, truncated, out of range or too large is a DataError
// "<name>: ..." naming what is wrong and where (e.g. "link: stroke 2, point 5: x = 912.5 is
// outside [-280, 560]"). Time and memory are linear in the text's length.
SharedState decode_shared_state(std::string_view text, const std::string& name);

}  // namespace celab::data
