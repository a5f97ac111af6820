// The matrix products of a convolution: one long dimension (pixels, hundreds) and two short ones
// (channels, patch size). Plain loops over GCC/Clang vector types keep a block of results in
// registers while the long dimension streams: one source becomes AVX-512 natively (faster than
// Eigen at these shapes) and SIMD128 in WebAssembly (where Eigen has no vector code), and it never
// allocates.
//
//   gemm_long_rows:  the forward pass and the input gradient, results with P rows.
//   long_dot_*:      the weight gradient, a sum over P of small outer products.
//
// Operands are runs of values along the long dimension ("columns" of A in gemm_long_rows, rows in
// long_dot) found at offsets from a base pointer, so a convolution can read shifted windows of an
// image in place instead of copying them (im2col).
#pragma once

#include <cstdint>

namespace celab::nn {

// Y (P x O) = A (P x I) * B^T, i.e. y[p][o] = sum_i a[a_columns[i] + p] * b(o, i), with
// b(o, i) = b[o * b_outer + i * b_inner] (so W and W^T both fit); Y is column-major with columns
// ld_y apart, written, not added to.
void gemm_long_rows(float* y, int64_t ld_y, const float* a, const int64_t* a_columns, int64_t p, int64_t inner,
                    int64_t outputs, const float* b, int64_t b_outer, int64_t b_inner);
// The work of gemm_long_rows for p rows, in rows of vector lanes: whole vectors (the last may
// overlap the one before); fewer rows than a vector go one at a time, a vector's work each. For
// callers choosing between layouts.
int64_t gemm_long_rows_work(int64_t p);

// Y (M x N) += sum over samples s and l < length of a(s, m, l) * b(s, n, l), where
// a(s, m, l) = a[s * a_step + m * ld_a + l] and b(s, n, l) = b[s * b_step + b_rows[n] + l]: for
// each sample, the rows of A and B are contiguous runs of `length` values, a multiple of
// kLongDotMultiple (pad with zeros). Calls to long_dot_add add up; the sums are kept per SIMD
// lane in `partials` (long_dot_partials(m, n) floats) and added up once, by long_dot_finish.
inline constexpr int64_t kLongDotMultiple = 16;  // every vector width divides it
inline constexpr int64_t long_dot_partials(int64_t m, int64_t n) { return m * n * kLongDotMultiple; }
void long_dot_start(float* partials, int64_t m, int64_t n);
void long_dot_add(float* partials, const float* a, int64_t ld_a, int64_t a_step, int64_t m, const float* b,
                  const int64_t* b_rows, int64_t b_step, int64_t n, int64_t length, int samples);
void long_dot_finish(float* y, const float* partials, int64_t m, int64_t n);  // y dense, M x N

}  // namespace celab::nn
