// Training augmentation on 28 x 28 inputs, so the network meets the variety of hand-drawn digits:
// a random affine map (rotation, scale, aspect, slant, shift) plus a smooth elastic warp, sampled
// bilinearly, then sometimes thicker or thinner strokes; before it all, some 1s get a flag. A given Rng state gives the same random
// choices on every platform (pixels may differ in the last bits where libm's sin/cos do); no heap
// allocation (timed by BM_DataAugment in bench/bench_data.cpp).
#pragma once

#include <cstdint>

#include "data/model_input.h"
#include "nn/rng.h"

namespace celab::data {

struct AugmentConfig {
  double max_rotation_deg = 15;  // uniform in +-this
  double min_scale = 0.8;        // uniform overall scale
  double max_scale = 1.2;
  double max_aspect = 0.1;         // x and y scales differ by a factor in [1 - a, 1 + a]
  double max_shear = 0.25;         // x += shear * y (tan of the slant), uniform in +-this
  double max_shift = 2.5;          // pixels, each axis
  double elastic_amplitude = 1.0;  // pixels: displacements at a 4 x 4 control grid, interpolated
  // Stroke width: grey dilation / erosion over the plus-shaped neighbourhood, blended in by an amount
  // uniform in [0.3, 1] x the maximum. Blending in a fraction a of an erosion is, in pixels, the same
  // as moving each edge in by a pixel (a 2-pixel stroke at a = 0.25 becomes 1.5 pixels wide).
  double thicker_probability = 0.25;
  double max_thicken = 1.0;  // pixels per side
  double thinner_probability = 0.25;
  double max_thin = 0.45;  // pixels per side
  // MNIST's 1s are nearly all one upright stroke, while many people (much of Europe) write 1 with a
  // long flag rising to the top of the stem; without flagged 1s in training the network reads those
  // as 7 (docs/model.md). An image of a 1 gets a flag with this probability: a straight stroke of the
  // stem's own width from the top of the stem down to the left, at an angle below the horizontal and
  // with a length (a fraction of the digit's height) uniform in the ranges below. The image is then
  // warped about its new centre of mass, which lands where the MNIST recipe puts a drawing's: (14, 14).
  double one_flag_probability = 0.3;
  double min_flag_angle_deg = 25, max_flag_angle_deg = 60;
  double min_flag_length = 0.25, max_flag_length = 0.55;
};

// The label whose images get a flag (one_flag_probability), and the label of an image whose label
// augmentation is not told.
inline constexpr int64_t kFlaggedLabel = 1, kUnknownLabel = -1;

// The identity: config with every change off (for tests and for "augmentation off" in benchmarks).
AugmentConfig no_augmentation();

// The random choices of one augmentation, drawn from the generator in a fixed order and number.
struct AugmentDraw {
  static constexpr int kGrid = 4;                      // elastic control points per axis
  double angle = 0, scale = 1, aspect = 1, shear = 0;  // angle in radians
  float shift_x = 0, shift_y = 0;
  float grid_dx[kGrid][kGrid] = {}, grid_dy[kGrid][kGrid] = {};
  double stroke_choice = 1, stroke_amount = 0;
  // A 1 given a flag. The flag's numbers are drawn for every image, so that each image takes the
  // same number of draws whatever its label.
  bool flag = false;
  double flag_angle = 0, flag_length = 0;  // radians below the horizontal; fraction of the height
};
AugmentDraw draw_augmentation(nn::Rng& rng, const AugmentConfig& config = {}, int64_t label = kUnknownLabel);

// Writes the changed copy of `in` (0 background, 1 ink) that `draw` describes to `out`; `in` and
// `out` must differ. The map keeps the centre (14, 14) in place before the shift, so a centred digit
// stays centred on average. Needs no generator: a batch's draws are taken in order, one thread,
// and the images changed on several.
void apply_augmentation(const ModelInput& in, ModelInput& out, const AugmentDraw& draw,
                        const AugmentConfig& config = {});

// Both: a randomly changed copy of `in`, an image of `label`.
void augment(const ModelInput& in, ModelInput& out, nn::Rng& rng, const AugmentConfig& config = {},
             int64_t label = kUnknownLabel);

// Adds the flag `draw` describes to `image` (a 1: one stroke, upright or slanted) and returns the
// centre of mass of the result, (x, y) in pixel indices. Exposed for its tests.
struct PixelPoint {
  float x = 0, y = 0;
};
PixelPoint add_flag(ModelInput& image, const AugmentDraw& draw);

}  // namespace celab::data
