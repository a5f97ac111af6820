// The matrix product of a convolution's forward pass and of its input gradient: one long dimension
// (P, output pixels, hundreds) and two short ones (channels, patch size). Plain loops over
// GCC/Clang vector types keep a block of rows x outputs in registers while the inner dimension
// streams: one source becomes AVX-512 natively (faster than Eigen at these shapes) and SIMD128 in
// WebAssembly (where Eigen has no vector code), and it never allocates.
//
// Column-major P x M matrices are given by a pointer to column 0 and the distance between
// columns (ld). B is addressed as b[o * b_outer + i * b_inner], so W and W^T both fit.
#pragma once

#include <cstdint>

namespace celab::nn {

// Y (P x O) = A (P x I) * B^T, i.e. y[p][o] = sum_i a[p][i] * b(o, i); Y is written, not added to.
void gemm_long_rows(float* y, int64_t ld_y, const float* a, int64_t ld_a, int64_t p, int64_t inner, int64_t outputs,
                    const float* b, int64_t b_outer, int64_t b_inner);

}  // namespace celab::nn
