// The drawing area's contents: a fixed 280 x 280 canvas (the strokes format's canvas, whatever size
// the area is shown at), painted stroke by stroke with the CLI's brush (data/raster.h), so a drawing
// made here and the same strokes read from a file give the same pixels. Optionally a picture under
// the strokes: an MNIST test digit, each of its 28 x 28 pixels a 10 x 10 block.
//
// Strokes keep their points (undo repaints the rest) and their own brush radius. Storage is reused:
// after the first strokes of a session, drawing does not allocate.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "data/drawing.h"
#include "data/image.h"
#include "data/model_input.h"
#include "data/shared_state.h"

namespace celab::app {

class DrawingPad {
 public:
  static constexpr int kCanvasSide = 280;
  static constexpr double kMinBrushRadius = 4, kMaxBrushRadius = 24, kDefaultBrushRadius = 12;
  static constexpr int kPictureSide = data::kInputSide;              // a loaded picture is a model input's pixels
  using Picture = std::array<uint8_t, kPictureSide * kPictureSide>;  // 0 = background, 255 = ink

  DrawingPad();

  const data::Image& canvas() const { return canvas_; }
  // Counts changes to the canvas: whoever shows or reads it redoes its work when this moves on.
  uint64_t version() const { return version_; }
  bool has_ink() const { return stroke_count_ > 0 || picture_label_.has_value(); }

  double brush_radius() const { return brush_radius_; }
  // Clamped to [kMinBrushRadius, kMaxBrushRadius]; non-finite values are ignored.
  void set_brush_radius(double radius);

  // A stroke in canvas coordinates; points are clamped to one canvas size around the canvas (the
  // strokes format's limit) and kept on a 1/8-pixel grid (data/shared_state.h). extend/end
  // without a begun stroke do nothing.
  void begin_stroke(data::Point p);
  void extend_stroke(data::Point p);
  void end_stroke();

  // Removes the last stroke, or the picture when no stroke is left. False when there was nothing.
  bool undo();
  void clear();

  // Replaces everything with `picture` (e.g. an MNIST test digit) and remembers its true label.
  void load_picture(const Picture& picture, int label);
  std::optional<int> picture_label() const { return picture_label_; }
  // The loaded picture while nothing is drawn over it, else null. It is a model input already (a
  // test digit as MNIST made it), so the model sees exactly that digit, as in `celab eval` and the
  // confidence and batch cards; strokes over it make a drawing, which the recipe reads as a whole.
  const Picture* picture_alone() const { return picture_label_ && stroke_count_ == 0 ? &picture_ : nullptr; }

  // The strokes with their brush radii, as a shared link carries them (data/shared_state.h).
  std::vector<data::SharedStroke> shared_strokes() const;
  // Replaces everything with `strokes` (from a link), drawn as if by hand: radii clamped to the
  // brush's range, points as begin_stroke / extend_stroke keep them. The brush keeps the last radius.
  void load_strokes(const std::vector<data::SharedStroke>& strokes);

  // The strokes as a drawing in the strokes format (radius: the last stroke's); for saving and tests.
  data::Drawing to_drawing() const;

 private:
  struct PadStroke {
    data::Stroke points;
    double radius = 0;
  };
  void repaint();
  void paint_picture();
  static data::Point clamp_point(data::Point p);

  data::Image canvas_;
  std::vector<PadStroke> strokes_;  // the first stroke_count_ are live; the rest keep their capacity
  size_t stroke_count_ = 0;
  bool in_progress_ = false;
  double brush_radius_ = kDefaultBrushRadius;
  Picture picture_{};
  std::optional<int> picture_label_;
  uint64_t version_ = 0;
};

}  // namespace celab::app
