#include "nn/max_pool2d.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

namespace celab::nn {
namespace {

// The 2 x 2 backward pass over one pair of input rows, `lanes` windows at a time: each row's values
// split into even and odd columns by shuffles, the selects below done on whole vectors, the four
// results woven back. The same arithmetic as the scalar loop in backward(), so the same bits.
template <int lanes>
struct Pool2Rows {
  typedef float F __attribute__((vector_size(lanes * sizeof(float))));
  typedef int32_t I __attribute__((vector_size(lanes * sizeof(float))));

  static F load(const float* p) {
    F v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static void store(float* p, F v) { std::memcpy(p, &v, sizeof v); }
  static F keep(F v, I mask) { return reinterpret_cast<F>(reinterpret_cast<I>(v) & mask); }

  template <size_t... i>
  static F evens(F lo, F hi, std::index_sequence<i...>) {
    return __builtin_shufflevector(lo, hi, static_cast<int>(2 * i)...);
  }
  template <size_t... i>
  static F odds(F lo, F hi, std::index_sequence<i...>) {
    return __builtin_shufflevector(lo, hi, static_cast<int>(2 * i + 1)...);
  }
  // Lanes [half, half + lanes / 2) of e and o, alternating: e[half], o[half], e[half + 1], ...
  template <int half, size_t... i>
  static F weave(F e, F o, std::index_sequence<i...>) {
    return __builtin_shufflevector(e, o, static_cast<int>(i % 2 ? lanes + half + i / 2 : half + i / 2)...);
  }

  // Windows [ox, ox + lanes) of rows r0, r1 (2 * lanes values each).
  static void step(const float* r0, const float* r1, const float* m, const float* g, float* d0, float* d1, int ox) {
    constexpr auto seq = std::make_index_sequence<lanes>();
    const F top = load(m + ox);
    F rest = load(g + ox);
    const F lo0 = load(r0 + 2 * ox), hi0 = load(r0 + 2 * ox + lanes);
    const F lo1 = load(r1 + 2 * ox), hi1 = load(r1 + 2 * ox + lanes);
    const F a = keep(rest, evens(lo0, hi0, seq) == top);
    rest -= a;
    const F b = keep(rest, odds(lo0, hi0, seq) == top);
    rest -= b;
    const F c = keep(rest, evens(lo1, hi1, seq) == top);
    rest -= c;
    store(d0 + 2 * ox, weave<0>(a, b, seq));
    store(d0 + 2 * ox + lanes, weave<lanes / 2>(a, b, seq));
    store(d1 + 2 * ox, weave<0>(c, rest, seq));
    store(d1 + 2 * ox + lanes, weave<lanes / 2>(c, rest, seq));
  }

  // All n windows when n >= lanes: the last vector may overlap the one before (same values).
  static void row(const float* r0, const float* r1, const float* m, const float* g, float* d0, float* d1, int n) {
    int ox = 0;
    for (; ox + lanes <= n; ox += lanes) step(r0, r1, m, g, d0, d1, ox);
    if (ox < n) step(r0, r1, m, g, d0, d1, n - lanes);
  }
};

}  // namespace

MaxPool2d::MaxPool2d(std::string name, int kernel)
    : name_(std::move(name)), label_(name_ + " (MaxPool2d " + std::to_string(kernel) + ")"), k_(kernel) {
  if (kernel < 1) throw std::invalid_argument(name_ + ": MaxPool2d needs kernel >= 1, got " + std::to_string(kernel));
}

Shape MaxPool2d::output_shape(const Shape& x) const {
  if (x.n < 1 || x.c < 1 || x.h < k_ || x.w < k_) {
    const std::string k = std::to_string(k_);
    throw_shape_error(label_, "input", "(N>=1,C>=1,H>=" + k + ",W>=" + k + ")", x);
  }
  return {x.n, x.c, x.h / k_, x.w / k_};
}

void MaxPool2d::forward(const ForwardArgs& a, Workers& workers) {
  const Shape ys = output_shape(a.x.shape);
  check_forward_io(label_, ys, a);
  const Shape& xs = a.x.shape;
  workers.for_each_chunk(xs.n, [&](int, SampleRange r, int) {
    for (int64_t plane = int64_t{r.begin} * xs.c; plane < int64_t{r.end} * xs.c; ++plane) {
      const float* x = a.x.data + plane * xs.plane();
      float* y = a.y.data + plane * ys.plane();
      for (int oy = 0; oy < ys.h; ++oy) {
        const float* row = x + int64_t{oy} * k_ * xs.w;
        float* out = y + int64_t{oy} * ys.w;
        if (k_ == 2) {  // the network's case, in a form the compiler vectorises
          for (int ox = 0; ox < ys.w; ++ox)
            out[ox] = std::max(std::max(row[2 * ox], row[2 * ox + 1]), std::max(row[xs.w + 2 * ox], row[xs.w + 2 * ox + 1]));
          continue;
        }
        for (int ox = 0; ox < ys.w; ++ox) {
          float m = row[ox * k_];
          for (int ky = 0; ky < k_; ++ky)
            for (int kx = 0; kx < k_; ++kx) m = std::max(m, row[int64_t{ky} * xs.w + ox * k_ + kx]);
          out[ox] = m;
        }
      }
    }
  });
}

void MaxPool2d::backward(const BackwardArgs& a, Workers& workers) {
  const Shape ys = output_shape(a.x.shape);
  check_backward_io(label_, ys, a);
  if (!a.dx.data) return;
  const Shape& xs = a.x.shape;
  const bool uncovered = xs.h != ys.h * k_ || xs.w != ys.w * k_;  // odd sizes leave rows/columns out
  workers.for_each_chunk(xs.n, [&](int, SampleRange r, int) {
    for (int64_t plane = int64_t{r.begin} * xs.c; plane < int64_t{r.end} * xs.c; ++plane) {
      const float* x = a.x.data + plane * xs.plane();
      const float* y = a.y.data + plane * ys.plane();
      const float* dy = a.dy.data + plane * ys.plane();
      float* dx = a.dx.data + plane * xs.plane();
      if (uncovered) std::fill(dx, dx + xs.plane(), 0.0f);
      // Every window position is written; only the first (in row order) that holds the maximum
      // gets dy. Selects, not branches: which position wins is data, unpredictable.
      for (int oy = 0; oy < ys.h; ++oy) {
        const float* row = x + int64_t{oy} * k_ * xs.w;
        float* drow = dx + int64_t{oy} * k_ * xs.w;
        const float* m = y + int64_t{oy} * ys.w;
        const float* g = dy + int64_t{oy} * ys.w;
        if (k_ == 2 && ys.w >= 8) {
          Pool2Rows<8>::row(row, row + xs.w, m, g, drow, drow + xs.w, ys.w);
          continue;
        }
        if (k_ == 2 && ys.w >= 4) {
          Pool2Rows<4>::row(row, row + xs.w, m, g, drow, drow + xs.w, ys.w);
          continue;
        }
        if (k_ == 2) {
          const int w = xs.w;
          const float* __restrict r0 = row;
          const float* __restrict r1 = row + w;
          float* __restrict d0 = drow;
          float* __restrict d1 = drow + w;
          for (int ox = 0; ox < ys.w; ++ox) {
            const float top = m[ox];
            float rest = g[ox];
            const float a = r0[2 * ox] == top ? rest : 0.0f;
            rest -= a;
            const float b = r0[2 * ox + 1] == top ? rest : 0.0f;
            rest -= b;
            const float c = r1[2 * ox] == top ? rest : 0.0f;
            rest -= c;
            d0[2 * ox] = a;
            d0[2 * ox + 1] = b;
            d1[2 * ox] = c;
            d1[2 * ox + 1] = rest;
          }
          continue;
        }
        for (int ox = 0; ox < ys.w; ++ox) {
          float rest = g[ox];  // dy until the maximum has taken it
          for (int ky = 0; ky < k_; ++ky)
            for (int kx = 0; kx < k_; ++kx) {
              const int64_t i = int64_t{ky} * xs.w + ox * k_ + kx;
              const bool hit = row[i] == m[ox];
              drow[i] = hit ? rest : 0.0f;
              rest = hit ? 0.0f : rest;
            }
        }
      }
    }
  });
}

}  // namespace celab::nn
