// The forward pass of a 3 x 3 "valid" convolution by Winograd's minimal filtering F(2x2, 3x3)
// (Lavin & Gray, 2015): each 2 x 2 block ("tile") of the output from the 4 x 4 input patch under
// it with 16 multiplications per input channel instead of 36.
//
//   U = G g G^T  (each 3 x 3 kernel -> 4 x 4, once per pass)
//   V = B^T d B  (each tile's 4 x 4 input patch, per input channel)
//   M[xi] = U[xi] (C_out x C_in) * V[xi] (C_in x tiles), for the 16 positions xi of the 4 x 4
//   y = A^T M A  (4 x 4 -> the tile's 2 x 2 outputs)
//
// The 16 products run in small_gemm.h's kernel with tiles as its long dimension; the transforms
// are additions on SIMD vectors of tiles (window_lanes.h). Results differ from the direct sum by
// rounding only (the transforms' coefficients are 0, +-1 and 1/2).
//
// Whether it pays depends on the vector width. With 4 lanes (WebAssembly's SIMD128, which has no
// fused multiply-add) it does: one image's forward pass in V8, conv2 32 -> 27 us, conv3 and conv4
// 14 -> 11.5 us. With AVX-512 the direct product is faster at these sizes (per epoch of training,
// conv2 0.69 vs 0.79 s, conv3 0.24 vs 0.39 s): its short products (C_in = 8 or 16 terms) and the
// transforms cost more than the multiplications they save.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace celab::nn {

#if defined(__AVX__)
inline constexpr bool kWinogradPays = false;
#else
inline constexpr bool kWinogradPays = true;
#endif

class Winograd3x3 {
 public:
  // Whether it applies to a 3 x 3 convolution of an H x W input: an even output of at least
  // 4 tiles per row (8 x 8 and up).
  static bool applies(int h, int w);
  // Scratch floats one sample's forward needs.
  static int64_t scratch_size(int in, int out, int h, int w);

  // Transforms the weights (C_out, C_in, 3, 3), as PyTorch lays them out, for inputs H x W.
  void prepare(std::span<const float> weight, int in, int out, int h, int w);
  // y (C_out, H - 2, W - 2) of one sample x (C_in, H, W), with the weights of the last prepare().
  void forward(const float* x, int h, int w, float* y, float* scratch) const;

 private:
  int in_ = 0, out_ = 0;
  std::vector<float> u_;          // 16 matrices C_out x C_in
  std::vector<int64_t> columns_;  // offsets of V's C_in columns for small_gemm
};

}  // namespace celab::nn
