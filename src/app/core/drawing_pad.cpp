#include "app/core/drawing_pad.h"

#include <algorithm>
#include <cmath>

#include "data/raster.h"
#include "data/shared_state.h"

namespace celab::app {

DrawingPad::DrawingPad() : canvas_(kCanvasSide, kCanvasSide) { strokes_.reserve(64); }

void DrawingPad::set_brush_radius(double radius) {
  if (std::isfinite(radius)) brush_radius_ = std::clamp(radius, kMinBrushRadius, kMaxBrushRadius);
}

data::Point DrawingPad::clamp_point(data::Point p) {
  constexpr double lo = -data::kPointMarginCanvases * kCanvasSide;
  constexpr double hi = (1 + data::kPointMarginCanvases) * kCanvasSide;
  // On the link grid (1/8 pixel, finer than any pointer): a shared link then holds the drawing exactly.
  return data::snap_to_shared_grid(
      {std::clamp(std::isfinite(p.x) ? p.x : 0.0, lo, hi), std::clamp(std::isfinite(p.y) ? p.y : 0.0, lo, hi)});
}

void DrawingPad::begin_stroke(data::Point p) {
  if (in_progress_) end_stroke();
  if (stroke_count_ == strokes_.size()) strokes_.emplace_back();
  PadStroke& stroke = strokes_[stroke_count_++];
  stroke.points.clear();  // keeps its capacity
  stroke.radius = brush_radius_;
  p = clamp_point(p);
  stroke.points.push_back(p);
  data::paint_segment(canvas_, p, p, stroke.radius);  // a dot, as a one-point stroke is painted
  in_progress_ = true;
  ++version_;
}

void DrawingPad::extend_stroke(data::Point p) {
  if (!in_progress_) return;
  PadStroke& stroke = strokes_[stroke_count_ - 1];
  p = clamp_point(p);
  const data::Point last = stroke.points.back();
  if (p.x == last.x && p.y == last.y) return;
  stroke.points.push_back(p);
  data::paint_segment(canvas_, last, p, stroke.radius);
  ++version_;
}

void DrawingPad::end_stroke() { in_progress_ = false; }

bool DrawingPad::undo() {
  in_progress_ = false;
  if (stroke_count_ > 0) {
    --stroke_count_;
  } else if (picture_label_) {
    picture_label_.reset();
  } else {
    return false;
  }
  repaint();
  return true;
}

void DrawingPad::clear() {
  in_progress_ = false;
  stroke_count_ = 0;
  picture_label_.reset();
  repaint();
}

void DrawingPad::load_picture(const Picture& picture, int label) {
  in_progress_ = false;
  stroke_count_ = 0;
  picture_ = picture;
  picture_label_ = label;
  repaint();
}

void DrawingPad::repaint() {
  canvas_.reset(kCanvasSide, kCanvasSide);  // same size: no allocation
  if (picture_label_) paint_picture();
  for (size_t i = 0; i < stroke_count_; ++i) data::paint_stroke(canvas_, strokes_[i].points, strokes_[i].radius);
  ++version_;
}

void DrawingPad::paint_picture() {
  constexpr int block = kCanvasSide / kPictureSide;
  for (int y = 0; y < kCanvasSide; ++y)
    for (int x = 0; x < kCanvasSide; ++x)
      canvas_.at(x, y) =
          static_cast<float>(picture_[static_cast<size_t>(y / block * kPictureSide + x / block)]) / 255.0f;
}

std::vector<data::SharedStroke> DrawingPad::shared_strokes() const {
  std::vector<data::SharedStroke> strokes;
  for (size_t i = 0; i < stroke_count_; ++i) strokes.push_back({strokes_[i].radius, strokes_[i].points});
  return strokes;
}

void DrawingPad::load_strokes(const std::vector<data::SharedStroke>& strokes) {
  clear();
  const double radius_before = brush_radius_;
  for (const data::SharedStroke& stroke : strokes) {
    if (stroke.points.empty()) continue;
    set_brush_radius(stroke.radius);
    begin_stroke(stroke.points.front());
    for (size_t i = 1; i < stroke.points.size(); ++i) extend_stroke(stroke.points[i]);
    end_stroke();
  }
  if (stroke_count_ == 0) brush_radius_ = radius_before;  // the brush as the last stroke left it
}

data::Drawing DrawingPad::to_drawing() const {
  data::Drawing drawing;
  drawing.canvas_width = drawing.canvas_height = kCanvasSide;
  drawing.brush_radius = stroke_count_ > 0 ? strokes_[stroke_count_ - 1].radius : brush_radius_;
  for (size_t i = 0; i < stroke_count_; ++i) drawing.strokes.push_back(strokes_[i].points);
  return drawing;
}

}  // namespace celab::app
