// Mini-batches of a labelled image set, as PyTorch's DataLoader(shuffle=True) gives them: each
// epoch a fresh shuffle of the images, read in that order a batch at a time. `celab train` and the
// page's training and batch cards all take their batches from here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "data/augment.h"
#include "data/idx.h"
#include "nn/rng.h"
#include "nn/workers.h"

namespace celab::data {

class BatchSampler {
 public:
  // Over images [0, count) of a set; the shuffles come from Rng(seed).
  BatchSampler(size_t count, uint64_t seed);

  // The next `batch` images of the epoch's order (fewer at the end of an epoch; batch >= 1). The first
  // call of each epoch shuffles (Fisher-Yates on our portable Rng: the same order on every platform).
  std::span<const uint32_t> next(size_t batch);

  size_t count() const { return order_.size(); }
  int epoch() const { return epoch_; }           // epochs started: 0 before the first batch
  size_t position() const { return position_; }  // images of the current epoch already handed out
  // The sampler's generator: augmentation draws from it too, so a seed fixes everything random.
  nn::Rng& rng() { return rng_; }

 private:
  std::vector<uint32_t> order_;
  size_t position_ = 0;
  int epoch_ = 0;
  nn::Rng rng_;
};

// Writes images `indices` of `set` into `pixels` (indices.size() rows of kInputPixels floats, pixel /
// 255) and their labels into `targets` (same count). With `augment`, each image is first changed by
// data::augment drawing from `rng`, the draws taken row by row. With `workers`, the images are read
// and changed on the pool's threads: the same pixels, as the draws do not depend on the threads.
void read_batch(const MnistSplit& set, std::span<const uint32_t> indices, std::span<float> pixels,
                std::span<int64_t> targets, const AugmentConfig* augment = nullptr, nn::Rng* rng = nullptr,
                nn::Workers* workers = nullptr);

}  // namespace celab::data
