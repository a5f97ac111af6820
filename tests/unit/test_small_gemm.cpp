// small_gemm.h's kernels against plain loops in double, over shapes that hit every path: full
// blocks, single vectors, the overlapping last vector, fewer rows than a vector, odd output counts,
// both layouts of B, operands at arbitrary offsets, and several samples summed.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/rng.h"
#include "nn/small_gemm.h"

namespace celab::nn {
namespace {

std::vector<float> random_values(int64_t n, Rng& rng) {
  std::vector<float> v(static_cast<size_t>(n));
  for (float& f : v) f = static_cast<float>(rng.uniform(-1.0, 1.0));
  return v;
}

TEST(SmallGemm, LongRowsMatchesAPlainProduct) {
  Rng rng(1);
  for (int64_t p : {1, 3, 4, 7, 16, 17, 33, 48, 64, 100, 576, 676})
    for (int64_t inner : {1, 9, 16, 72})
      for (int64_t outputs : {1, 3, 8, 10, 16})
        for (bool transposed_b : {false, true}) {
          // Columns of A at scattered, overlapping offsets (as a convolution's windows are).
          std::vector<int64_t> columns(static_cast<size_t>(inner));
          for (int64_t i = 0; i < inner; ++i)
            columns[static_cast<size_t>(i)] = static_cast<int64_t>(rng.below(3 * p + 5));
          const std::vector<float> a = random_values(4 * p + 5, rng), b = random_values(outputs * inner, rng);
          const int64_t b_outer = transposed_b ? 1 : inner, b_inner = transposed_b ? outputs : 1, ld_y = p + 5;
          std::vector<float> y(static_cast<size_t>(ld_y * outputs), 42.0f);
          gemm_long_rows(y.data(), ld_y, a.data(), columns.data(), p, inner, outputs, b.data(), b_outer, b_inner);
          for (int64_t o = 0; o < outputs; ++o) {
            for (int64_t r = 0; r < p; ++r) {
              double expected = 0.0;
              for (int64_t i = 0; i < inner; ++i) expected += double{a[columns[i] + r]} * b[o * b_outer + i * b_inner];
              ASSERT_NEAR(y[o * ld_y + r], expected, 1e-5 * (1 + inner))
                  << "p " << p << " inner " << inner << " outputs " << outputs << " row " << r << " output " << o;
            }
            for (int64_t r = p; r < ld_y; ++r) ASSERT_EQ(y[o * ld_y + r], 42.0f) << "wrote past row " << p;
          }
        }
}

TEST(SmallGemm, LongDotSumsOverSamplesAndCalls) {
  Rng rng(2);
  for (int64_t m : {1, 3, 4, 8, 16, 32})
    for (int64_t n : {1, 5, 6, 9, 72, 144})
      for (int64_t length : {16, 32, 112, 576})
        for (int samples : {1, 3}) {
          const int64_t ld_a = length + 16, a_step = m * ld_a + 8, b_step = 2 * length + 40;
          std::vector<int64_t> rows(static_cast<size_t>(n));
          for (int64_t c = 0; c < n; ++c) rows[static_cast<size_t>(c)] = static_cast<int64_t>(rng.below(length + 40));
          const std::vector<float> a = random_values(samples * a_step, rng), b = random_values(samples * b_step, rng);
          std::vector<float> partials(static_cast<size_t>(long_dot_partials(m, n)), 7.0f);
          std::vector<float> y(static_cast<size_t>(m * n), 0.5f);
          // The samples in two calls: the first sample alone (over whatever partials held), then the rest.
          long_dot_add(partials.data(), true, a.data(), ld_a, a_step, m, b.data(), rows.data(), b_step, n, length, 1);
          if (samples > 1)
            long_dot_add(partials.data(), false, a.data() + a_step, ld_a, a_step, m, b.data() + b_step, rows.data(),
                         b_step, n, length, samples - 1);
          long_dot_finish(y.data(), partials.data(), m, n);
          for (int64_t r = 0; r < m; ++r)
            for (int64_t c = 0; c < n; ++c) {
              double expected = 0.5;
              for (int s = 0; s < samples; ++s)
                for (int64_t l = 0; l < length; ++l)
                  expected += double{a[s * a_step + r * ld_a + l]} * b[s * b_step + rows[c] + l];
              ASSERT_NEAR(y[r * n + c], expected, 1e-5 * length * samples)
                  << "m " << m << " n " << n << " length " << length << " samples " << samples << " at " << r << ","
                  << c;
            }
        }
}

}  // namespace
}  // namespace celab::nn
