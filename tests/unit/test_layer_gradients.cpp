// Every layer's backward pass (input and parameter gradients) against finite differences.
#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "nn/architecture.h"

namespace celab::nn {
namespace {

using testing::check_layer_gradients;
using testing::OwnedTensor;
using testing::random_tensor;

// Values kept at least `gap` away from zero, so a finite-difference step never crosses ReLU's kink.
OwnedTensor away_from_zero(Shape s, uint64_t seed, float gap) {
  OwnedTensor t = random_tensor(s, seed);
  for (float& v : t.data) v += v < 0 ? -gap : gap;
  return t;
}

Layer initialised(Layer layer, uint64_t seed) {
  Rng rng(seed);
  layer_init(layer, rng);
  return layer;
}

TEST(LayerGradients, Conv2d) {
  Layer conv = initialised(Conv2d("conv", 2, 3, 3), 1);
  check_layer_gradients(conv, random_tensor({2, 2, 5, 6}, 2), Mode::Train, 3);
}

TEST(LayerGradients, Conv2dKernelTwoOneChannel) {
  Layer conv = initialised(Conv2d("conv", 1, 4, 2), 4);
  check_layer_gradients(conv, random_tensor({3, 1, 4, 4}, 5), Mode::Train, 6);
}

TEST(LayerGradients, Linear) {
  Layer fc = initialised(Linear("fc", 6, 4), 7);
  check_layer_gradients(fc, random_tensor({3, 6, 1, 1}, 8), Mode::Train, 9);
}

TEST(LayerGradients, ReLU) {
  Layer relu = ReLU("relu");
  check_layer_gradients(relu, away_from_zero({2, 3, 4, 4}, 10, 0.01f), Mode::Train, 11);
}

// A permutation of well-separated values: no ties, and a step cannot change any window's maximum.
OwnedTensor distinct_values(Shape s, uint64_t seed) {
  OwnedTensor x(s);
  Rng rng(seed);
  for (size_t i = 0; i < x.data.size(); ++i) x.data[i] = 0.05f * static_cast<float>(i);
  for (size_t i = x.data.size() - 1; i > 0; --i) std::swap(x.data[i], x.data[rng.below(i + 1)]);
  return x;
}

TEST(LayerGradients, MaxPool2dWithOddSizes) {
  Layer pool = MaxPool2d("pool", 2);
  check_layer_gradients(pool, distinct_values({2, 2, 5, 4}, 12), Mode::Train, 13);
}

TEST(LayerGradients, MaxPool2dKernelThree) {
  Layer pool = MaxPool2d("pool", 3);
  check_layer_gradients(pool, distinct_values({2, 2, 7, 6}, 32), Mode::Train, 33);
}

TEST(LayerGradients, MaxPool2dTiesGoToTheFirstMaximum) {
  // PyTorch's choice: of equal maxima in a window, the first in row order takes the gradient.
  for (int k : {2, 3}) {
    Workers workers(1);
    Layer pool = MaxPool2d("pool", k);
    OwnedTensor x({1, 1, k, k}, 1.0f), y({1, 1, 1, 1}), dy({1, 1, 1, 1}, 5.0f), dx({1, 1, k, k});
    x.data[0] = 0.5f;
    layer_forward(pool, {x.cview(), y.view(), Mode::Train}, workers);
    layer_backward(pool, {x.cview(), y.cview(), dy.cview(), dx.view(), Mode::Train, true}, workers);
    std::vector<float> expected(static_cast<size_t>(k * k), 0.0f);
    expected[1] = 5.0f;
    EXPECT_EQ(dx.data, expected) << "k " << k;
  }
}

TEST(LayerGradients, Normalize) {
  Layer norm = Normalize("normalize", kInputMean, kInputStd);
  check_layer_gradients(norm, random_tensor({2, 1, 4, 4}, 14, 0.0, 1.0), Mode::Train, 15);
}

TEST(LayerGradients, Flatten) {
  Layer flatten = Flatten("flatten");
  check_layer_gradients(flatten, random_tensor({2, 3, 2, 2}, 16), Mode::Train, 17);
}

// Batch norm with non-trivial gamma/beta; training mode differentiates through the batch statistics.
Layer batch_norm_with_affine(int channels, uint64_t seed) {
  Layer bn = BatchNorm("bn", channels, kBatchNormEps, kBatchNormMomentum);
  std::vector<Parameter> params;
  layer_parameters(bn, params);
  Rng rng(seed);
  for (Parameter& p : params)
    for (float& v : p.write()) v = static_cast<float>(rng.uniform(0.5, 1.5));
  return bn;
}

TEST(LayerGradients, BatchNorm2dTrain) {
  Layer bn = batch_norm_with_affine(3, 18);
  check_layer_gradients(bn, random_tensor({3, 3, 3, 2}, 19, -2.0, 3.0), Mode::Train, 20,
                        {.eps = 1e-2, .atol = 2e-3, .rtol = 1e-2});
}

TEST(LayerGradients, BatchNorm1dTrain) {
  Layer bn = batch_norm_with_affine(4, 21);
  check_layer_gradients(bn, random_tensor({5, 4, 1, 1}, 22, -2.0, 3.0), Mode::Train, 23,
                        {.eps = 1e-2, .atol = 2e-3, .rtol = 1e-2});
}

TEST(LayerGradients, BatchNorm2dEvalAfterTraining) {
  Layer bn = batch_norm_with_affine(3, 24);
  // Some training steps move the running statistics away from (0, 1).
  Workers workers(1);
  const OwnedTensor batch = random_tensor({4, 3, 3, 3}, 25, 1.0, 4.0);
  OwnedTensor out(batch.shape);
  for (int step = 0; step < 5; ++step) layer_forward(bn, {batch.cview(), out.view(), Mode::Train}, workers);
  check_layer_gradients(bn, random_tensor({2, 3, 3, 3}, 26, 0.0, 5.0), Mode::Eval, 27);
}

}  // namespace
}  // namespace celab::nn
