// The epoch's shuffled batch order (src/data/batch_sampler.h) and reading a batch of a labelled set.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "data/batch_sampler.h"
#include "data/model_input.h"

namespace celab::data {
namespace {

std::vector<uint32_t> take(BatchSampler& sampler, size_t batch) {
  const auto s = sampler.next(batch);
  return {s.begin(), s.end()};
}

TEST(BatchSampler, EachEpochIsAFreshPermutationReadInBatches) {
  BatchSampler sampler(10, 3);
  EXPECT_EQ(sampler.epoch(), 0);
  std::vector<uint32_t> epoch1, epoch2;
  for (const size_t expected : {4u, 4u, 2u}) {
    const auto batch = take(sampler, 4);
    EXPECT_EQ(batch.size(), expected) << "the last batch of an epoch holds what is left";
    epoch1.insert(epoch1.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(sampler.epoch(), 1);
  EXPECT_EQ(sampler.position(), 10u);
  for (int b = 0; b < 2; ++b) {
    const auto batch = take(sampler, 5);
    epoch2.insert(epoch2.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(sampler.epoch(), 2);
  EXPECT_NE(epoch1, epoch2) << "each epoch is shuffled anew";
  std::vector<uint32_t> all(10);
  std::iota(all.begin(), all.end(), 0u);
  for (auto* epoch : {&epoch1, &epoch2}) {
    std::sort(epoch->begin(), epoch->end());
    EXPECT_EQ(*epoch, all) << "every image once per epoch";
  }
}

TEST(BatchSampler, SameSeedSameOrder) {
  BatchSampler a(100, 9), b(100, 9), c(100, 10);
  const auto first_a = take(a, 30);
  EXPECT_EQ(first_a, take(b, 30));
  EXPECT_NE(first_a, take(c, 30));
}

TEST(BatchSampler, RefusesNothingToSample) {
  BatchSampler empty(0, 1);
  EXPECT_THROW(empty.next(4), std::invalid_argument);
  BatchSampler some(3, 1);
  EXPECT_THROW(some.next(0), std::invalid_argument);
}

TEST(ReadBatch, PixelsOverTwoFiftyFiveAndLabels) {
  MnistSplit set;
  set.images.count = 3;
  set.images.rows = set.images.cols = kInputSide;
  set.images.pixels.assign(3 * kInputPixels, 0);
  set.images.pixels[2 * kInputPixels + 5] = 255;
  set.images.pixels[1 * kInputPixels + 7] = 51;
  set.labels = {4, 7, 9};
  const std::vector<uint32_t> indices = {2, 1};
  std::vector<float> pixels(2 * kInputPixels, -1);
  std::vector<int64_t> targets(2);
  read_batch(set, indices, pixels, targets);
  EXPECT_EQ(targets, (std::vector<int64_t>{9, 7}));
  ModelInput image;
  set.image_as_float(2, image);
  EXPECT_TRUE(std::equal(image.begin(), image.end(), pixels.begin()));
  set.image_as_float(1, image);
  EXPECT_TRUE(std::equal(image.begin(), image.end(), pixels.begin() + kInputPixels));
  EXPECT_EQ(pixels[5], 1.0f);
  EXPECT_EQ(std::count(pixels.begin(), pixels.end(), 0.0f), 2 * kInputPixels - 2);
  const std::vector<uint32_t> beyond = {3};
  EXPECT_THROW(read_batch(set, beyond, pixels, targets), std::out_of_range);
  std::vector<float> small(kInputPixels);
  EXPECT_THROW(read_batch(set, indices, small, targets), std::invalid_argument);
}

// Augmented batches: each row is augment() of its image and label (1s may get flags) with the
// generator drawn row by row, and the pool's threads change nothing (3 threads over a batch of 37:
// chunks of 2 and 3 rows).
TEST(ReadBatch, AugmentedRowsDrawInRowOrderOnAnyThreadCount) {
  MnistSplit set;
  set.images.count = 5;
  set.images.rows = set.images.cols = kInputSide;
  set.images.pixels.resize(5 * kInputPixels);
  nn::Rng fill(11);
  for (uint8_t& p : set.images.pixels) p = fill.uniform() < 0.2 ? static_cast<uint8_t>(fill.below(256)) : 0;
  set.labels = {0, 1, 2, 3, 4};
  std::vector<uint32_t> indices(37);
  for (size_t r = 0; r < indices.size(); ++r) indices[r] = static_cast<uint32_t>((r * 3) % 5);
  const AugmentConfig config;

  std::vector<float> expected(indices.size() * kInputPixels);
  nn::Rng rng(7);
  for (size_t r = 0; r < indices.size(); ++r) {
    ModelInput plain, changed;
    set.image_as_float(indices[r], plain);
    augment(plain, changed, rng, config, set.labels[indices[r]]);
    std::copy(changed.begin(), changed.end(), expected.begin() + static_cast<std::ptrdiff_t>(r * kInputPixels));
  }
  const double next_draw = rng.uniform();
  for (int threads : {1, 3}) {
    nn::Workers workers(threads);
    nn::Rng batch_rng(7);
    std::vector<float> pixels(expected.size(), -1);
    std::vector<int64_t> targets(indices.size());
    read_batch(set, indices, pixels, targets, &config, &batch_rng, &workers);
    EXPECT_EQ(pixels, expected) << threads << " threads";
    EXPECT_EQ(batch_rng.uniform(), next_draw) << "as many draws as augment() makes, " << threads << " threads";
    EXPECT_EQ(targets[4], 2) << threads << " threads";
  }
}

}  // namespace
}  // namespace celab::data
