// Training augmentation on 28 x 28 inputs, so the network meets the variety of hand-drawn digits:
// a random affine map (rotation, scale, aspect, slant, shift) plus a smooth elastic warp, sampled
// bilinearly, then sometimes thicker or thinner strokes. Deterministic for a given Rng state on every
// platform; no heap allocation (about a microsecond or two per image, see bench/bench_data.cpp).
#pragma once

#include "data/model_input.h"
#include "nn/rng.h"

namespace celab::data {

struct AugmentConfig {
  double max_rotation_deg = 15;    // uniform in +-this
  double min_scale = 0.8;          // uniform overall scale
  double max_scale = 1.2;
  double max_aspect = 0.1;         // x and y scales differ by a factor in [1 - a, 1 + a]
  double max_shear = 0.25;         // x += shear * y (tan of the slant), uniform in +-this
  double max_shift = 2.5;          // pixels, each axis
  double elastic_amplitude = 1.0;  // pixels: displacements at a 4 x 4 control grid, interpolated
  double thicker_probability = 0.25;  // grey dilation (plus-shaped), blended in by a random amount
  double thinner_probability = 0.25;  // grey erosion blended in, then the peak restored to full ink
};

// The identity: config with every change off (for tests and for "augmentation off" in benchmarks).
AugmentConfig no_augmentation();

// Writes a randomly changed copy of `in` (0 background, 1 ink) to `out`; `in` and `out` must differ.
// The map keeps the centre (14, 14) in place before the shift, so a centred digit stays centred
// on average. Always draws the same number of values from `rng`.
void augment(const ModelInput& in, ModelInput& out, nn::Rng& rng, const AugmentConfig& config = {});

}  // namespace celab::data
