// gemm_long_rows against a plain triple loop in double, over shapes that hit every path: full
// blocks, single vectors, the overlapping last vector, fewer rows than a vector, odd output counts,
// both layouts of B, and leading dimensions larger than the row count.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/rng.h"
#include "nn/small_gemm.h"

namespace celab::nn {
namespace {

TEST(SmallGemm, MatchesAPlainProduct) {
  Rng rng(1);
  for (int64_t p : {1, 3, 4, 7, 16, 17, 33, 48, 64, 100, 576, 676})
    for (int64_t inner : {1, 9, 16, 72})
      for (int64_t outputs : {1, 3, 8, 10, 16})
        for (bool transposed_b : {false, true}) {
          const int64_t ld_a = p + 3, ld_y = p + 5;
          std::vector<float> a(static_cast<size_t>(ld_a * inner)), b(static_cast<size_t>(outputs * inner));
          for (float& v : a) v = static_cast<float>(rng.uniform(-1.0, 1.0));
          for (float& v : b) v = static_cast<float>(rng.uniform(-1.0, 1.0));
          const int64_t b_outer = transposed_b ? 1 : inner, b_inner = transposed_b ? outputs : 1;
          std::vector<float> y(static_cast<size_t>(ld_y * outputs), 42.0f);
          gemm_long_rows(y.data(), ld_y, a.data(), ld_a, p, inner, outputs, b.data(), b_outer, b_inner);
          for (int64_t o = 0; o < outputs; ++o) {
            for (int64_t r = 0; r < p; ++r) {
              double expected = 0.0;
              for (int64_t i = 0; i < inner; ++i) expected += double{a[i * ld_a + r]} * b[o * b_outer + i * b_inner];
              ASSERT_NEAR(y[o * ld_y + r], expected, 1e-5 * (1 + inner))
                  << "p " << p << " inner " << inner << " outputs " << outputs << " row " << r << " output " << o;
            }
            for (int64_t r = p; r < ld_y; ++r) ASSERT_EQ(y[o * ld_y + r], 42.0f) << "wrote past row " << p;
          }
        }
}

}  // namespace
}  // namespace celab::nn
