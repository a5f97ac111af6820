#include "data/batch_sampler.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "data/model_input.h"

namespace celab::data {

BatchSampler::BatchSampler(size_t count, uint64_t seed) : order_(count), rng_(seed) {
  std::iota(order_.begin(), order_.end(), 0u);
}

std::span<const uint32_t> BatchSampler::next(size_t batch) {
  if (order_.empty()) throw std::invalid_argument("batch sampler: the image set is empty");
  if (batch == 0) throw std::invalid_argument("batch sampler: batch size 0");
  if (position_ == order_.size()) position_ = 0;
  if (position_ == 0) {
    for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(i)]);
    ++epoch_;
  }
  const size_t first = position_;
  position_ = std::min(order_.size(), first + batch);
  return {order_.data() + first, position_ - first};
}

void read_batch(const MnistSplit& set, std::span<const uint32_t> indices, std::span<float> pixels,
                std::span<int64_t> targets, const AugmentConfig* augment, nn::Rng* rng, nn::Workers* workers) {
  if (pixels.size() < indices.size() * kInputPixels || targets.size() < indices.size())
    throw std::invalid_argument("read_batch: room for " + std::to_string(targets.size()) + " images, " +
                                std::to_string(indices.size()) + " asked for");
  if (augment && !rng) throw std::invalid_argument("read_batch: augmentation needs a generator");
  // Everything that can fail, and every draw from the generator, here in row order; the pool's
  // threads then only compute pixels. The draws are kept from batch to batch (no allocation after
  // the first), one vector per calling thread, which the pool's threads reach through `draws` (a
  // thread_local named in the lambda would be their own).
  thread_local std::vector<AugmentDraw> kept;
  std::vector<AugmentDraw>& draws = kept;
  draws.resize(augment ? indices.size() : 0);
  for (size_t r = 0; r < indices.size(); ++r) {
    const uint32_t index = indices[r];
    if (index >= set.size())
      throw std::out_of_range("read_batch: image " + std::to_string(index) + " of a set of " +
                              std::to_string(set.size()));
    targets[r] = set.labels[index];
    if (augment) draws[r] = draw_augmentation(*rng, *augment, targets[r]);
  }
  const auto read_rows = [&](size_t begin, size_t end) {
    ModelInput plain, augmented;
    for (size_t r = begin; r < end; ++r) {
      const std::span<float> row = pixels.subspan(r * kInputPixels, kInputPixels);
      if (augment) {
        set.image_as_float(indices[r], plain);
        apply_augmentation(plain, augmented, draws[r], *augment);
        std::copy(augmented.begin(), augmented.end(), row.begin());
      } else {
        set.image_as_float(indices[r], row);
      }
    }
  };
  if (workers) {
    workers->for_each_chunk(static_cast<int>(indices.size()),
                            [&](int, nn::SampleRange r, int) { read_rows(r.begin, r.end); });
  } else {
    read_rows(0, indices.size());
  }
}

}  // namespace celab::data
