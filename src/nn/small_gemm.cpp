#include "nn/small_gemm.h"

#include <cstring>
#include <utility>

namespace celab::nn {
namespace {

#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;  // SSE, WebAssembly SIMD128, NEON (or scalar code from the same source)
#endif

typedef float Vec __attribute__((vector_size(kLanes * sizeof(float))));

inline Vec load(const float* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, Vec v) { std::memcpy(p, &v, sizeof v); }
// All lanes s. Not `Vec{} + s`: without -ffast-math that is an add (0 + -0 is +0) and a register
// broadcast, which competes with the multiply-adds for their ports; this is one broadcast load.
template <size_t... lane>
inline Vec splat_lanes(float s, std::index_sequence<lane...>) {
  return Vec{((void)lane, s)...};
}
inline Vec splat(float s) { return splat_lanes(s, std::make_index_sequence<kLanes>()); }

// kRows vectors of rows times kOuts outputs held in registers while the inner dimension streams
// (AVX-512 has 32 vector registers, the others 16).
#if defined(__AVX512F__)
constexpr int kRows = 3, kOuts = 8;
#else
constexpr int kRows = 2, kOuts = 4;
#endif

template <int rows, int outs>
inline void block_long_rows(float* y, int64_t ld_y, const float* a, int64_t ld_a, int64_t inner, const float* b,
                            int64_t b_outer, int64_t b_inner) {
  Vec acc[rows][outs] = {};
  for (int64_t i = 0; i < inner; ++i) {
    Vec av[rows];
    for (int r = 0; r < rows; ++r) av[r] = load(a + i * ld_a + r * kLanes);
    for (int o = 0; o < outs; ++o) {
      const Vec bv = splat(b[o * b_outer + i * b_inner]);
      for (int r = 0; r < rows; ++r) acc[r][o] += av[r] * bv;
    }
  }
  for (int o = 0; o < outs; ++o)
    for (int r = 0; r < rows; ++r) store(y + o * ld_y + r * kLanes, acc[r][o]);
}

// All outputs for the rows [row, row + rows * kLanes).
template <int rows>
void rows_all_outputs(float* y, int64_t ld_y, const float* a, int64_t ld_a, int64_t row, int64_t inner,
                      int64_t outputs, const float* b, int64_t b_outer, int64_t b_inner) {
  int64_t o = 0;
  for (; o + kOuts <= outputs; o += kOuts)
    block_long_rows<rows, kOuts>(y + o * ld_y + row, ld_y, a + row, ld_a, inner, b + o * b_outer, b_outer, b_inner);
  for (; o < outputs; ++o)
    block_long_rows<rows, 1>(y + o * ld_y + row, ld_y, a + row, ld_a, inner, b + o * b_outer, b_outer, b_inner);
}

}  // namespace

void gemm_long_rows(float* y, int64_t ld_y, const float* a, int64_t ld_a, int64_t p, int64_t inner, int64_t outputs,
                    const float* b, int64_t b_outer, int64_t b_inner) {
  int64_t row = 0;
  for (; row + kRows * kLanes <= p; row += kRows * kLanes)
    rows_all_outputs<kRows>(y, ld_y, a, ld_a, row, inner, outputs, b, b_outer, b_inner);
  for (; row + kLanes <= p; row += kLanes)
    rows_all_outputs<1>(y, ld_y, a, ld_a, row, inner, outputs, b, b_outer, b_inner);
  if (row == p) return;
  if (p >= kLanes) {  // the last rows as one vector ending at p: rows computed twice come out equal
    rows_all_outputs<1>(y, ld_y, a, ld_a, p - kLanes, inner, outputs, b, b_outer, b_inner);
    return;
  }
  for (; row < p; ++row)  // fewer rows than a vector
    for (int64_t o = 0; o < outputs; ++o) {
      float sum = 0.0f;
      for (int64_t i = 0; i < inner; ++i) sum += a[i * ld_a + row] * b[o * b_outer + i * b_inner];
      y[o * ld_y + row] = sum;
    }
}

}  // namespace celab::nn
