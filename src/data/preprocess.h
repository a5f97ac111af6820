// The MNIST recipe, the one way any picture of a digit becomes model input (CLI, app, web, tests):
//   1. the bounding box of the ink (pixels > 0),
//   2. scaled by s = 20 / max(box width, box height) (aspect kept) with area averaging: each output
//      pixel is the mean of the canvas area it covers (a box filter, exact fractional overlaps),
//   3. placed in 28 x 28 so that the intensity centre of mass is at (14, 14).
// Centre convention (MNIST's own): the centre of mass is sum(index * value) / sum(value) with pixel
// indices as coordinates, i.e. the centre is pixel (col 14, row 14); MNIST's test set averages
// (14.01, 13.99). The placement is sub-pixel: the offset is solved so that the centre of mass of the
// area-averaged result is 14 to within 0.0001 pixel, with no extra resampling pass. As in MNIST, a
// very lopsided digit (its centre of mass within 6 box pixels of an edge) sticks out of the frame a
// little and loses that ink.
// No ink at all gives std::nullopt: "no digit", never a prediction.
#pragma once

#include <optional>
#include <vector>

#include "data/drawing.h"
#include "data/image.h"
#include "data/model_input.h"

namespace celab::data {

inline constexpr int kDigitBox = 20;          // the ink's bounding box is scaled to fit this square
inline constexpr double kInputCentre = 14.0;  // target centre of mass, in pixel indices

// Where the ink went: canvas box [x, x + width) x [y, y + height), scaled by `scale`, its top-left
// corner at (offset_x, offset_y) in the 28 x 28 input (continuous coordinates: pixel i is [i, i+1)).
struct Placement {
  int box_x = 0, box_y = 0, box_width = 0, box_height = 0;
  double scale = 0, offset_x = 0, offset_y = 0;
};

// Reusable workspace: after the first calls on a given canvas size, no heap allocation.
class Preprocessor {
 public:
  // Fills `out` and returns true; returns false (out untouched) when `canvas` has no ink.
  bool canvas_to_input(const Image& canvas, ModelInput& out);
  // Renders the drawing (render_drawing) into the workspace canvas, then canvas_to_input().
  bool drawing_to_input(const Drawing& drawing, ModelInput& out);

  const Placement& last_placement() const { return placement_; }
  const Image& rendered() const { return rendered_; }  // the canvas drawing_to_input() painted

  // How one axis of the ink box spreads over the 28 output cells (public for its helper functions).
  struct AxisMap {
    std::vector<int> first;      // per source cell: first output cell it overlaps
    std::vector<int> count;      // how many output cells it overlaps (inside 0..27)
    std::vector<float> weights;  // `stride` overlap lengths per source cell
    int stride = 0;
  };

 private:
  Image rendered_;
  std::vector<float> col_mass_, row_mass_;  // ink per canvas column / row
  AxisMap x_map_, y_map_;
  std::vector<float> rows_;  // 28 output rows x the box's width: the first, vertical pass
  Placement placement_;
};

// Convenience entries using a thread-local Preprocessor (allocation-free in steady state too).
std::optional<ModelInput> preprocess_canvas(const Image& canvas);
std::optional<ModelInput> preprocess_drawing(const Drawing& drawing);

}  // namespace celab::data
