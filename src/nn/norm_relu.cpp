#include "nn/norm_relu.h"

#include <algorithm>
#include <variant>

#include "nn/window_lanes.h"

namespace celab::nn {
namespace {

inline float relu(float v) { return v > 0.0f ? v : 0.0f; }

// Which of the four values is the first maximum, and the maximum (as max_pool2d: std::max order).
inline int first_max(const float* v, float& m) {
  m = std::max(std::max(v[0], v[1]), std::max(v[2], v[3]));
  return v[0] == m ? 0 : v[1] == m ? 1 : v[2] == m ? 2 : 3;
}

// The four positions of window ox of the row pair (r0, r1).
inline void window(const float* r0, const float* r1, int ox, float* v) {
  v[0] = r0[2 * ox];
  v[1] = r0[2 * ox + 1];
  v[2] = r1[2 * ox];
  v[3] = r1[2 * ox + 1];
}

template <int lanes>
struct Lanes : WindowLanes<lanes> {
  using L = WindowLanes<lanes>;
  using typename L::F;
  using typename L::I;
  typedef uint8_t Bytes __attribute__((vector_size(lanes)));

  static F relu(F v) { return L::keep(v, v > F{}); }
  static I load_winners(const uint8_t* p) {
    Bytes b;
    std::memcpy(&b, p, sizeof b);
    return __builtin_convertvector(b, I);
  }
  static void store_winners(uint8_t* p, I w) {
    const Bytes b = __builtin_convertvector(w, Bytes);
    std::memcpy(p, &b, sizeof b);
  }
  static I pick(I mask, I a, I b) { return (a & mask) | (b & ~mask); }
};

// One plane (H, W) of z into its pooled plane (H/2, W/2) and the winners.
void pool_forward_plane(const float* z, int h, int w, float sc, float sh, float* out, uint8_t* winners) {
  const int wp = w / 2;
  for (int oy = 0; oy < h / 2; ++oy) {
    const float* r0 = z + int64_t{2 * oy} * w;
    const float* r1 = r0 + w;
    float* o = out + int64_t{oy} * wp;
    uint8_t* win = winners + int64_t{oy} * wp;
    for_window_vectors(
        wp,
        [&](auto lanes, int ox) {
          using V = Lanes<decltype(lanes)::kLanes>;
          typename V::Windows x = V::windows(r0, r1, ox);
          const typename V::F scale = V::splat(sc), shift = V::splat(sh);
          for (auto& p : x.p) p = V::relu(scale * p + shift);
          const typename V::F m = V::max(V::max(x.p[0], x.p[1]), V::max(x.p[2], x.p[3]));
          typename V::I first = typename V::I{} + 3;
          for (int k = 2; k >= 0; --k) first = V::pick(x.p[k] == m, typename V::I{} + k, first);
          V::store(o + ox, m);
          V::store_winners(win + ox, first);
        },
        [&](int ox) {
          float v[4];
          window(r0, r1, ox, v);
          for (float& p : v) p = relu(sc * p + sh);
          win[ox] = static_cast<uint8_t>(first_max(v, o[ox]));
        });
  }
}

// For the batch norm's sums: per window, g (dout where the pooled output passed the ReLU) and z at
// its winner; at the three other positions g is 0.
void pool_sums_plane(const float* z, int h, int w, const float* out, const float* dout, const uint8_t* winners,
                     float* g_out, float* z_out) {
  const int wp = w / 2;
  for (int oy = 0; oy < h / 2; ++oy) {
    const float* r0 = z + int64_t{2 * oy} * w;
    const float* r1 = r0 + w;
    const int64_t at = int64_t{oy} * wp;
    for_window_vectors(
        wp,
        [&](auto lanes, int ox) {
          using V = Lanes<decltype(lanes)::kLanes>;
          const typename V::Windows x = V::windows(r0, r1, ox);
          const typename V::F o = V::load(out + at + ox);
          const typename V::I win = V::load_winners(winners + at + ox);
          typename V::F zw = x.p[3];
          for (int k = 2; k >= 0; --k) zw = V::select(win == k, x.p[k], zw);
          V::store(g_out + at + ox, V::keep(V::load(dout + at + ox), o > typename V::F{}));
          V::store(z_out + at + ox, zw);
        },
        [&](int ox) {
          float v[4];
          window(r0, r1, ox, v);
          g_out[at + ox] = out[at + ox] > 0.0f ? dout[at + ox] : 0.0f;
          z_out[at + ox] = v[winners[at + ox]];
        });
  }
}

// dz = scale * g + slope * z + shift over the plane, g at each window's winner and 0 elsewhere.
void pool_backward_plane(const float* z, int h, int w, const float* out, const float* dout, const uint8_t* winners,
                         float sc, float sl, float sh, float* dz) {
  const int wp = w / 2;
  for (int oy = 0; oy < h / 2; ++oy) {
    const int64_t row = int64_t{2 * oy} * w, at = int64_t{oy} * wp;
    const float* r0 = z + row;
    const float* r1 = r0 + w;
    for_window_vectors(
        wp,
        [&](auto lanes, int ox) {
          using V = Lanes<decltype(lanes)::kLanes>;
          typename V::Windows x = V::windows(r0, r1, ox);
          const typename V::F g = V::keep(V::load(dout + at + ox), V::load(out + at + ox) > typename V::F{});
          const typename V::I win = V::load_winners(winners + at + ox);
          const typename V::F scale = V::splat(sc), slope = V::splat(sl), shift = V::splat(sh);
          for (int k = 0; k < 4; ++k) x.p[k] = scale * V::keep(g, win == k) + slope * x.p[k] + shift;
          V::store_windows(dz + row, dz + row + w, ox, x);
        },
        [&](int ox) {
          const float g = out[at + ox] > 0.0f ? dout[at + ox] : 0.0f;
          float v[4];
          window(r0, r1, ox, v);
          float d[4];
          for (int k = 0; k < 4; ++k) d[k] = sc * (winners[at + ox] == k ? g : 0.0f) + sl * v[k] + sh;
          dz[row + 2 * ox] = d[0];
          dz[row + 2 * ox + 1] = d[1];
          dz[row + w + 2 * ox] = d[2];
          dz[row + w + 2 * ox + 1] = d[3];
        });
  }
}

}  // namespace

int norm_relu_span(const std::vector<Layer>& layers, size_t i, const Shape& x) {
  if (i + 1 >= layers.size() || !std::holds_alternative<BatchNorm>(layers[i]) ||
      !std::holds_alternative<ReLU>(layers[i + 1]))
    return 0;
  const auto* pool = i + 2 < layers.size() ? std::get_if<MaxPool2d>(&layers[i + 2]) : nullptr;
  return pool && pool->kernel() == 2 && x.h % 2 == 0 && x.w % 2 == 0 ? 3 : 2;
}

void NormRelu::prepare_forward(const Shape& out) {
  const auto outputs = static_cast<size_t>(out.size());
  if (pooled_ && winners_.size() < outputs) winners_.resize(outputs);
}

void NormRelu::forward_chunk(const BatchNorm& bn, ConstTensorView z, TensorView out, SampleRange r) {
  const Shape& s = z.shape;
  const int64_t plane = s.plane(), out_plane = out.shape.plane();
  for (int i = r.begin; i < r.end; ++i)
    for (int c = 0; c < s.c; ++c) {
      const int64_t p = int64_t{i} * s.c + c;
      const float* zp = z.data + p * plane;
      float* op = out.data + p * out_plane;
      const float sc = bn.scale(c), sh = bn.shift(c);
      if (pooled_) {
        pool_forward_plane(zp, s.h, s.w, sc, sh, op, winners_.data() + p * out_plane);
      } else {
        for (int64_t j = 0; j < plane; ++j) op[j] = relu(sc * zp[j] + sh);
      }
    }
}

void NormRelu::forward(BatchNorm& bn, ConstTensorView z, TensorView out, Mode mode, Workers& workers) {
  bn.prepare_forward(z, mode, workers);
  prepare_forward(out.shape);
  workers.for_each_chunk(z.shape.n, [&](int, SampleRange r, int) { forward_chunk(bn, z, out, r); });
}

void NormRelu::prepare_backward_sums(const Shape& out, int threads) {
  const int64_t out_plane = out.plane();
  if (plane_scratch_.size() < 2 * out_plane * threads) plane_scratch_.resize(2 * out_plane * threads);
}

// The batch norm's sums: each plane's g (pooled: and z at the winners) into the worker's scratch,
// then summed as BatchNorm sums its own planes.
void NormRelu::backward_chunk_sums(BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout,
                                   int chunk, SampleRange r, int worker) {
  const Shape& s = z.shape;
  const int64_t plane = s.plane(), out_plane = out.shape.plane();
  bn.chunk_sums(
      [&](int i, int c, int w, double& a, double& b) {
        const int64_t p = int64_t{i} * s.c + c;
        const float* op = out.data + p * out_plane;
        const float* dp = dout.data + p * out_plane;
        const float* zp = z.data + p * plane;
        float* g = plane_scratch_.data() + w * 2 * out_plane;
        if (pooled_) {
          float* zw = g + out_plane;
          pool_sums_plane(zp, s.h, s.w, op, dp, winners_.data() + p * out_plane, g, zw);
          BatchNorm::add_plane_sums(g, zw, out_plane, a, b);
        } else {
          for (int64_t j = 0; j < plane; ++j) g[j] = op[j] > 0.0f ? dp[j] : 0.0f;
          BatchNorm::add_plane_sums(g, zp, plane, a, b);
        }
      },
      chunk, r, worker);
}

void NormRelu::backward_chunk(const BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout,
                              TensorView dz, SampleRange r) const {
  const Shape& s = z.shape;
  const int64_t plane = s.plane(), out_plane = out.shape.plane();
  for (int i = r.begin; i < r.end; ++i)
    for (int c = 0; c < s.c; ++c) {
      const int64_t p = int64_t{i} * s.c + c;
      const float* op = out.data + p * out_plane;
      const float* dp = dout.data + p * out_plane;
      const float* zp = z.data + p * plane;
      float* dzp = dz.data + p * plane;
      const float sc = bn.scale(c), sl = bn.slope(c), sh = bn.shift(c);
      if (pooled_) {
        pool_backward_plane(zp, s.h, s.w, op, dp, winners_.data() + p * out_plane, sc, sl, sh, dzp);
      } else {
        for (int64_t j = 0; j < plane; ++j) dzp[j] = sc * (op[j] > 0.0f ? dp[j] : 0.0f) + sl * zp[j] + sh;
      }
    }
}

void NormRelu::backward(BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout, TensorView dz,
                        Mode mode, bool param_grads, Workers& workers) {
  prepare_backward_sums(out.shape, workers.threads());
  workers.for_each_chunk(z.shape.n, [&](int chunk, SampleRange r, int worker) {
    backward_chunk_sums(bn, z, out, dout, chunk, r, worker);
  });
  bn.finish_backward(z.shape, mode, param_grads);
  if (!dz.data) return;
  workers.for_each_chunk(z.shape.n, [&](int, SampleRange r, int) { backward_chunk(bn, z, out, dout, dz, r); });
}

}  // namespace celab::nn
