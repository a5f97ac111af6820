// Conv2d against the definition, summed in double by plain loops: forward, dL/dx and dL/dW, for
// shapes that take each of its paths (full-width rows and row by row, output rows shorter than a
// vector, every kernel size up to the plane) and for several threads (batch chunks).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "layer_test_util.h"
#include "nn/conv2d.h"
#include "nn/winograd.h"

namespace celab::nn {
namespace {

using testing::OwnedTensor;
using testing::random_tensor;

struct Case {
  Shape x;
  int out, k;
};

void check(const Case& c, int threads) {
  SCOPED_TRACE(c.x.str() + " -> " + std::to_string(c.out) + " k" + std::to_string(c.k) + ", " +
               std::to_string(threads) + " thread(s)");
  Workers workers(threads);
  Conv2d conv("conv", c.x.c, c.out, c.k);
  Rng rng(static_cast<uint64_t>(c.x.h * 100 + c.x.w + c.k));
  conv.init(rng);
  const std::vector<float> w(conv.weight().begin(), conv.weight().end());
  const OwnedTensor x = random_tensor(c.x, 7);
  const Shape ys = conv.output_shape(c.x);
  const OwnedTensor dy = random_tensor(ys, 8);
  OwnedTensor y(ys), dx(c.x);
  conv.forward({x.cview(), y.view(), Mode::Train}, workers);
  conv.zero_grad();
  conv.backward({x.cview(), y.cview(), dy.cview(), dx.view(), Mode::Train, true}, workers);
  const std::span<const float> dw = conv.parameters()[0].grad;

  const int k = c.k, cin = c.x.c, h = c.x.h, wd = c.x.w;
  auto xat = [&](int n, int ci, int yy, int xx) { return double{x.data[((n * cin + ci) * h + yy) * wd + xx]}; };
  auto wat = [&](int o, int ci, int ky, int kx) { return double{w[((o * cin + ci) * k + ky) * k + kx]}; };
  auto dyat = [&](int n, int o, int oy, int ox) { return double{dy.data[((n * c.out + o) * ys.h + oy) * ys.w + ox]}; };
  std::vector<double> dx_ref(x.data.size(), 0.0), dw_ref(w.size(), 0.0);
  for (int n = 0; n < c.x.n; ++n)
    for (int o = 0; o < c.out; ++o)
      for (int oy = 0; oy < ys.h; ++oy)
        for (int ox = 0; ox < ys.w; ++ox) {
          double sum = 0.0;
          for (int ci = 0; ci < cin; ++ci)
            for (int ky = 0; ky < k; ++ky)
              for (int kx = 0; kx < k; ++kx) {
                sum += wat(o, ci, ky, kx) * xat(n, ci, oy + ky, ox + kx);
                dw_ref[((o * cin + ci) * k + ky) * k + kx] += dyat(n, o, oy, ox) * xat(n, ci, oy + ky, ox + kx);
                dx_ref[((n * cin + ci) * h + oy + ky) * wd + ox + kx] += dyat(n, o, oy, ox) * wat(o, ci, ky, kx);
              }
          const size_t at = static_cast<size_t>(((n * c.out + o) * ys.h + oy) * ys.w + ox);
          ASSERT_NEAR(y.data[at], sum, 1e-5 * (1 + cin * k * k)) << "y at " << at;
        }
  for (size_t i = 0; i < dx_ref.size(); ++i)
    ASSERT_NEAR(dx.data[i], dx_ref[i], 1e-5 * (1 + c.out * k * k)) << "dx " << i;
  for (size_t i = 0; i < dw_ref.size(); ++i)
    ASSERT_NEAR(dw[i], dw_ref[i], 1e-5 * (1 + c.x.n * ys.plane())) << "dW " << i;
}

TEST(Conv2d, MatchesTheDefinition) {
  const Case cases[] = {
      {{2, 1, 28, 28}, 8, 3},    // conv1
      {{3, 8, 26, 26}, 16, 3},   // conv2
      {{5, 16, 12, 12}, 16, 3},  // conv3
      {{4, 16, 10, 10}, 32, 3},  // conv4
      {{3, 2, 5, 18}, 3, 3},     // output rows of 16: row by row on every vector width
      {{2, 3, 4, 7}, 2, 2},      // fewer output columns than a vector
      {{2, 2, 3, 3}, 5, 3},      // one output pixel
      {{17, 2, 9, 6}, 4, 1},     // 1x1 kernel, more samples than batch chunks
      {{2, 3, 11, 13}, 3, 5},
  };
  for (const Case& c : cases)
    for (int threads : {1, 3}) check(c, threads);
}

// Winograd's forward on its own (Conv2d uses it where it pays: in WebAssembly, not on AVX).
TEST(Winograd3x3, MatchesTheDefinition) {
  struct Plane {
    int in, out, h, w;
  };
  // conv2, conv3, conv4; 5 tiles a row (the last 4 overlap the first), 9 (8 + 1), 13, one tile row.
  for (const Plane& p : {Plane{8, 16, 26, 26}, Plane{16, 16, 12, 12}, Plane{16, 32, 10, 10}, Plane{3, 5, 8, 12},
                         Plane{2, 3, 6, 20}, Plane{4, 2, 10, 28}, Plane{1, 1, 4, 10}}) {
    SCOPED_TRACE(std::to_string(p.in) + "x" + std::to_string(p.h) + "x" + std::to_string(p.w) + " -> " +
                 std::to_string(p.out));
    ASSERT_TRUE(Winograd3x3::applies(p.h, p.w));
    const OwnedTensor x = random_tensor({1, p.in, p.h, p.w}, 11);
    const OwnedTensor w = random_tensor({p.out, p.in, 3, 3}, 12);
    Winograd3x3 winograd;
    winograd.prepare(w.data, p.in, p.out, p.h, p.w);
    std::vector<float> scratch(static_cast<size_t>(Winograd3x3::scratch_size(p.in, p.out, p.h, p.w)));
    const int ho = p.h - 2, wo = p.w - 2;
    std::vector<float> y(static_cast<size_t>(p.out * ho * wo), 42.0f);
    winograd.forward(x.data.data(), p.h, p.w, y.data(), scratch.data());
    for (int o = 0; o < p.out; ++o)
      for (int oy = 0; oy < ho; ++oy)
        for (int ox = 0; ox < wo; ++ox) {
          double sum = 0.0;
          for (int ci = 0; ci < p.in; ++ci)
            for (int ky = 0; ky < 3; ++ky)
              for (int kx = 0; kx < 3; ++kx)
                sum += double{w.data[static_cast<size_t>(((o * p.in + ci) * 3 + ky) * 3 + kx)]} *
                       x.data[static_cast<size_t>((ci * p.h + oy + ky) * p.w + ox + kx)];
          ASSERT_NEAR(y[static_cast<size_t>((o * ho + oy) * wo + ox)], sum, 1e-5 * (1 + 9 * p.in))
              << "y[" << o << "][" << oy << "][" << ox << "]";
        }
  }
  EXPECT_FALSE(Winograd3x3::applies(7, 7));   // odd output
  EXPECT_FALSE(Winograd3x3::applies(10, 8));  // 3 tiles a row: fewer than a vector
}

}  // namespace
}  // namespace celab::nn
