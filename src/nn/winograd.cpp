#include "nn/winograd.h"

#include "nn/small_gemm.h"
#include "nn/window_lanes.h"

namespace celab::nn {
namespace {

constexpr int kPositions = 16;  // of the 4 x 4 transformed tile

// Calls step(WindowLanes<L>(), tx) over tiles [0, tw) of a tile row, 8 (where native) or 4 at a time; the last
// 4 may overlap the ones before (tw >= 4), which then are written twice with the same values.
template <typename Step>
void for_tile_vectors(int tw, const Step& step) {
  int tx = 0;
  if constexpr (kWidestWindowLanes >= 8)
    for (; tx + 8 <= tw; tx += 8) step(WindowLanes<8>(), tx);
  for (; tx + 4 <= tw; tx += 4) step(WindowLanes<4>(), tx);
  if (tx < tw) step(WindowLanes<4>(), tw - 4);
}

// V = B^T d B for the tiles [tx, tx + lanes) of tile row ty of one input plane; V[xi] goes to
// v + xi * xi_stride. B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1].
template <int lanes>
void input_tiles(WindowLanes<lanes>, const float* plane, int w, int ty, int tx, float* v, int64_t xi_stride) {
  using L = WindowLanes<lanes>;
  using F = typename L::F;
  F d[4][4];
  for (int r = 0; r < 4; ++r) {  // columns 2 tx + c of patch row r, c = 0..3, split by shuffles
    const float* row = plane + int64_t{2 * ty + r} * w + 2 * tx;
    const F lo = L::load(row), hi = L::load(row + lanes), lo2 = L::load(row + 2), hi2 = L::load(row + 2 + lanes);
    d[r][0] = L::evens(lo, hi);
    d[r][1] = L::odds(lo, hi);
    d[r][2] = L::evens(lo2, hi2);
    d[r][3] = L::odds(lo2, hi2);
  }
  F e[4][4];
  for (int c = 0; c < 4; ++c) {
    e[0][c] = d[0][c] - d[2][c];
    e[1][c] = d[1][c] + d[2][c];
    e[2][c] = d[2][c] - d[1][c];
    e[3][c] = d[1][c] - d[3][c];
  }
  for (int i = 0; i < 4; ++i) {
    const F row[4] = {e[i][0] - e[i][2], e[i][1] + e[i][2], e[i][2] - e[i][1], e[i][1] - e[i][3]};
    for (int j = 0; j < 4; ++j) L::store(v + (i * 4 + j) * xi_stride, row[j]);
  }
}

// y = A^T M A for the tiles [tx, tx + lanes) of tile row ty of one output plane (width wo), M[xi]
// at m + xi * xi_stride. A^T = [1 1 1 0; 0 1 -1 -1].
template <int lanes>
void output_tiles(WindowLanes<lanes>, const float* m, int64_t xi_stride, float* plane, int wo, int ty, int tx) {
  using L = WindowLanes<lanes>;
  using F = typename L::F;
  F s[2][4];
  for (int j = 0; j < 4; ++j) {
    const F m0 = L::load(m + j * xi_stride), m1 = L::load(m + (4 + j) * xi_stride);
    const F m2 = L::load(m + (8 + j) * xi_stride), m3 = L::load(m + (12 + j) * xi_stride);
    s[0][j] = m0 + m1 + m2;
    s[1][j] = m1 - m2 - m3;
  }
  for (int r = 0; r < 2; ++r) {
    const F even = s[r][0] + s[r][1] + s[r][2], odd = s[r][1] - s[r][2] - s[r][3];
    float* out = plane + int64_t{2 * ty + r} * wo + 2 * tx;
    L::store(out, L::template weave<0>(even, odd));
    L::store(out + lanes, L::template weave<lanes / 2>(even, odd));
  }
}

}  // namespace

bool Winograd3x3::applies(int h, int w) {
  const int ho = h - 2, wo = w - 2;
  return ho >= 2 && ho % 2 == 0 && wo % 2 == 0 && wo / 2 >= 4;
}

int64_t Winograd3x3::scratch_size(int in, int out, int h, int w) {
  const int64_t tiles = int64_t{(h - 2) / 2} * ((w - 2) / 2);
  return kPositions * (int64_t{in} + out) * tiles;
}

// U = G g G^T, G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1], stored as 16 matrices C_out x C_in.
void Winograd3x3::prepare(std::span<const float> weight, int in, int out, int h, int w) {
  in_ = in;
  out_ = out;
  u_.resize(static_cast<size_t>(kPositions) * out * in);
  for (int o = 0; o < out; ++o)
    for (int ci = 0; ci < in; ++ci) {
      const float* g = weight.data() + (int64_t{o} * in + ci) * 9;
      float gg[4][3];  // G g
      for (int c = 0; c < 3; ++c) {
        gg[0][c] = g[c];
        gg[1][c] = 0.5f * (g[c] + g[3 + c] + g[6 + c]);
        gg[2][c] = 0.5f * (g[c] - g[3 + c] + g[6 + c]);
        gg[3][c] = g[6 + c];
      }
      for (int i = 0; i < 4; ++i) {
        const float u[4] = {gg[i][0], 0.5f * (gg[i][0] + gg[i][1] + gg[i][2]), 0.5f * (gg[i][0] - gg[i][1] + gg[i][2]),
                            gg[i][2]};
        for (int j = 0; j < 4; ++j) u_[((static_cast<size_t>(i) * 4 + j) * out + o) * in + ci] = u[j];
      }
    }
  const int64_t tiles = int64_t{(h - 2) / 2} * ((w - 2) / 2);
  columns_.resize(static_cast<size_t>(in));
  for (int ci = 0; ci < in; ++ci) columns_[static_cast<size_t>(ci)] = ci * tiles;
}

void Winograd3x3::forward(const float* x, int h, int w, float* y, float* scratch) const {
  const int ho = h - 2, wo = w - 2, th = ho / 2, tw = wo / 2;
  const int64_t tiles = int64_t{th} * tw;
  float* v = scratch;                             // [16][C_in][tiles]
  float* m = scratch + kPositions * in_ * tiles;  // [16][C_out][tiles]
  for (int ci = 0; ci < in_; ++ci)
    for (int ty = 0; ty < th; ++ty)
      for_tile_vectors(tw, [&](auto lanes, int tx) {
        input_tiles(lanes, x + int64_t{ci} * h * w, w, ty, tx, v + ci * tiles + int64_t{ty} * tw + tx, in_ * tiles);
      });
  for (int xi = 0; xi < kPositions; ++xi)
    gemm_long_rows(m + xi * out_ * tiles, tiles, v + xi * in_ * tiles, columns_.data(), tiles, in_, out_,
                   u_.data() + static_cast<size_t>(xi) * out_ * in_, in_, 1);
  for (int o = 0; o < out_; ++o)
    for (int ty = 0; ty < th; ++ty)
      for_tile_vectors(tw, [&](auto lanes, int tx) {
        output_tiles(lanes, m + o * tiles + int64_t{ty} * tw + tx, out_ * tiles, y + int64_t{o} * ho * wo, wo, ty, tx);
      });
}

}  // namespace celab::nn
