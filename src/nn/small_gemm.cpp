#include "nn/small_gemm.h"

#include <array>
#include <cstddef>
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
static_assert(kLongDotMultiple % kLanes == 0);

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

// ---- gemm_long_rows: kRows vectors of rows times kOuts outputs held in registers while the inner
// dimension streams (AVX-512 has 32 vector registers, the others 16).
#if defined(__AVX512F__)
constexpr int kRows = 3, kOuts = 8;
#else
constexpr int kRows = 2, kOuts = 4;
#endif

// Index arithmetic in ptrdiff_t: 64-bit natively, 32-bit in WebAssembly (where int64_t arithmetic
// on addresses costs extra instructions in the inner loop).
template <int rows, int outs>
inline void block_long_rows(float* y, ptrdiff_t ld_y, const float* a, const int64_t* a_columns, ptrdiff_t inner,
                            const float* b, ptrdiff_t b_outer, ptrdiff_t b_inner) {
  Vec acc[rows][outs] = {};
  const float* bo[outs];
  for (int o = 0; o < outs; ++o) bo[o] = b + o * b_outer;
  for (ptrdiff_t i = 0; i < inner; ++i) {
    const float* column = a + static_cast<ptrdiff_t>(a_columns[i]);
    Vec av[rows];
    for (int r = 0; r < rows; ++r) av[r] = load(column + r * kLanes);
    for (int o = 0; o < outs; ++o) {
      const Vec bv = splat(*bo[o]);
      bo[o] += b_inner;
      for (int r = 0; r < rows; ++r) acc[r][o] += av[r] * bv;
    }
  }
  for (int o = 0; o < outs; ++o)
    for (int r = 0; r < rows; ++r) store(y + o * ld_y + r * kLanes, acc[r][o]);
}

// All outputs for the rows [row, row + rows * kLanes).
template <int rows>
void rows_all_outputs(float* y, int64_t ld_y, const float* a, const int64_t* a_columns, int64_t row, int64_t inner,
                      int64_t outputs, const float* b, int64_t b_outer, int64_t b_inner) {
  int64_t o = 0;
  for (; o + kOuts <= outputs; o += kOuts)
    block_long_rows<rows, kOuts>(y + o * ld_y + row, ld_y, a + row, a_columns, inner, b + o * b_outer, b_outer,
                                 b_inner);
  for (; o < outputs; ++o)
    block_long_rows<rows, 1>(y + o * ld_y + row, ld_y, a + row, a_columns, inner, b + o * b_outer, b_outer, b_inner);
}

// ---- long_dot: kDotRows rows of A times kDotCols rows of B, one sum per pair in a register while
// the runs stream; between calls each sum rests in `partials` as a vector (kLongDotMultiple floats).
#if defined(__AVX512F__)
constexpr int kDotRows = 4, kDotCols = 6;
#else
constexpr int kDotRows = 2, kDotCols = 4;
#endif

template <int rows, int cols>
inline void block_long_dot(float* partials, bool first, int64_t n, const float* a, int64_t ld_a, int64_t a_step,
                           const float* b, const int64_t* b_rows, int64_t b_step, int64_t length, int samples) {
  Vec acc[rows][cols] = {};
  if (!first)
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) acc[r][c] = load(partials + (r * n + c) * kLongDotMultiple);
  for (int s = 0; s < samples; ++s) {
    const float* as = a + s * a_step;
    const float* bs[cols];
    for (int c = 0; c < cols; ++c) bs[c] = b + s * b_step + b_rows[c];
    for (int64_t l = 0; l < length; l += kLanes) {
      Vec av[rows];
      for (int r = 0; r < rows; ++r) av[r] = load(as + r * ld_a + l);
      for (int c = 0; c < cols; ++c) {
        const Vec bv = load(bs[c] + l);
        for (int r = 0; r < rows; ++r) acc[r][c] += av[r] * bv;
      }
    }
  }
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) store(partials + (r * n + c) * kLongDotMultiple, acc[r][c]);
}

template <int rows>
void rows_long_dot(float* partials, bool first, const float* a, int64_t ld_a, int64_t a_step, const float* b,
                   const int64_t* b_rows, int64_t b_step, int64_t n, int64_t length, int samples) {
  int64_t c = 0;
  for (; c + kDotCols <= n; c += kDotCols)
    block_long_dot<rows, kDotCols>(partials + c * kLongDotMultiple, first, n, a, ld_a, a_step, b, b_rows + c, b_step,
                                   length, samples);
  for (; c < n; ++c)
    block_long_dot<rows, 1>(partials + c * kLongDotMultiple, first, n, a, ld_a, a_step, b, b_rows + c, b_step, length,
                            samples);
}

// Folding two vectors at half-width h: within each block of 2h lanes, the result's first h lanes
// are x's lanes pairwise summed (lane + lane h further), the last h lanes y's.
constexpr int fold_source(int lane, int h, int offset) {
  const int block = lane / (2 * h) * (2 * h), pos = lane % (2 * h);
  return pos < h ? block + pos + offset : kLanes + block + pos - h + offset;
}

template <int h, size_t... lane>
inline Vec fold_pair(Vec x, Vec y, std::index_sequence<lane...>) {
  return __builtin_shufflevector(x, y, fold_source(lane, h, 0)...) +
         __builtin_shufflevector(x, y, fold_source(lane, h, h)...);
}

template <int h>
inline void fold_level(Vec* v, int count) {
  for (int i = 0; i < count / 2; ++i) v[i] = fold_pair<h>(v[2 * i], v[2 * i + 1], std::make_index_sequence<kLanes>());
  if constexpr (h > 1) fold_level<h / 2>(v, count / 2);
}

// Which entry's sum each lane of the folded vector holds (simulating fold_level on entry numbers).
constexpr std::array<int, kLanes> folded_entries() {
  std::array<std::array<int, kLanes>, kLanes> owner{};
  for (int v = 0; v < kLanes; ++v) owner[v].fill(v);
  int count = kLanes;
  for (int h = kLanes / 2; h >= 1; h /= 2, count /= 2)
    for (int i = 0; i < count / 2; ++i) {
      std::array<int, kLanes> folded{};
      for (int lane = 0; lane < kLanes; ++lane) {
        const int from = fold_source(lane, h, 0);
        folded[lane] = from < kLanes ? owner[2 * i][from] : owner[2 * i + 1][from - kLanes];
      }
      owner[i] = folded;
    }
  return owner[0];
}
constexpr int folded_lane_of(int entry) {
  const std::array<int, kLanes> entries = folded_entries();
  for (int lane = 0; lane < kLanes; ++lane)
    if (entries[lane] == entry) return lane;
  return -1;
}

template <size_t... entry>
inline Vec in_entry_order(Vec folded, std::index_sequence<entry...>) {
  return __builtin_shufflevector(folded, folded, folded_lane_of(entry)...);
}

// v[e]: the lanes of entry e's sum; returns the kLanes sums in entry order (overwrites v). Pairs
// of vectors are folded level by level instead of summing each vector's lanes on its own.
inline Vec sum_lanes_of_each(Vec* v) {
  fold_level<kLanes / 2>(v, kLanes);
  return in_entry_order(v[0], std::make_index_sequence<kLanes>());
}

}  // namespace

void gemm_long_rows(float* y, int64_t ld_y, const float* a, const int64_t* a_columns, int64_t p, int64_t inner,
                    int64_t outputs, const float* b, int64_t b_outer, int64_t b_inner) {
  int64_t row = 0;
  for (; row + kRows * kLanes <= p; row += kRows * kLanes)
    rows_all_outputs<kRows>(y, ld_y, a, a_columns, row, inner, outputs, b, b_outer, b_inner);
  for (; row + kLanes <= p; row += kLanes)
    rows_all_outputs<1>(y, ld_y, a, a_columns, row, inner, outputs, b, b_outer, b_inner);
  if (row == p) return;
  if (p >= kLanes) {  // the last rows as one vector ending at p: rows computed twice come out equal
    rows_all_outputs<1>(y, ld_y, a, a_columns, p - kLanes, inner, outputs, b, b_outer, b_inner);
    return;
  }
  for (; row < p; ++row)  // fewer rows than a vector
    for (int64_t o = 0; o < outputs; ++o) {
      float sum = 0.0f;
      for (int64_t i = 0; i < inner; ++i) sum += a[a_columns[i] + row] * b[o * b_outer + i * b_inner];
      y[o * ld_y + row] = sum;
    }
}

int64_t gemm_long_rows_work(int64_t p) {
  if (p < kLanes) return p * kLanes;
  return (p + kLanes - 1) / kLanes * kLanes;
}

void long_dot_add(float* partials, bool first, const float* a, int64_t ld_a, int64_t a_step, int64_t m, const float* b,
                  const int64_t* b_rows, int64_t b_step, int64_t n, int64_t length, int samples) {
  int64_t r = 0;
  for (; r + kDotRows <= m; r += kDotRows)
    rows_long_dot<kDotRows>(partials + r * n * kLongDotMultiple, first, a + r * ld_a, ld_a, a_step, b, b_rows, b_step,
                            n, length, samples);
  for (; r < m; ++r)
    rows_long_dot<1>(partials + r * n * kLongDotMultiple, first, a + r * ld_a, ld_a, a_step, b, b_rows, b_step, n,
                     length, samples);
}

void long_dot_finish(float* y, const float* partials, int64_t m, int64_t n) {
  const int64_t entries = m * n;
  int64_t e = 0;
  for (; e + kLanes <= entries; e += kLanes) {
    Vec v[kLanes];
    for (int l = 0; l < kLanes; ++l) v[l] = load(partials + (e + l) * kLongDotMultiple);
    store(y + e, load(y + e) + sum_lanes_of_each(v));
  }
  for (; e < entries; ++e) {  // the last few one by one, lanes added pairwise by halves
    float lanes[kLanes];
    std::memcpy(lanes, partials + e * kLongDotMultiple, sizeof lanes);
    for (int width = kLanes / 2; width >= 1; width /= 2)
      for (int l = 0; l < width; ++l) lanes[l] += lanes[l + width];
    y[e] += lanes[0];
  }
}

}  // namespace celab::nn
