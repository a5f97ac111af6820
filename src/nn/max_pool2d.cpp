#include "nn/max_pool2d.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "nn/window_lanes.h"

namespace celab::nn {
namespace {

// The 2 x 2 backward pass over one pair of input rows on whole vectors: the same arithmetic as the
// scalar loop in backward(), so the same bits.
template <int lanes>
void pool2_backward_step(WindowLanes<lanes>, const float* r0, const float* r1, const float* m, const float* g,
                         float* d0, float* d1, int ox) {
  using L = WindowLanes<lanes>;
  const typename L::Windows x = L::windows(r0, r1, ox);
  const typename L::F top = L::load(m + ox);
  typename L::F rest = L::load(g + ox);
  typename L::Windows d;
  for (int k = 0; k < 3; ++k) {
    d.p[k] = L::keep(rest, x.p[k] == top);
    rest -= d.p[k];
  }
  d.p[3] = rest;
  L::store_windows(d0, d1, ox, d);
}

}  // namespace

MaxPool2d::MaxPool2d(std::string name, int kernel)
    : LayerName(std::move(name), "MaxPool2d " + std::to_string(kernel)), k_(kernel) {
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
        if (k_ == 2) {  // the network's case
          const float* r1 = row + xs.w;
          for_window_vectors(
              ys.w,
              [&](auto lanes, int ox) {
                using L = decltype(lanes);
                const typename L::Windows x = L::windows(row, r1, ox);
                L::store(out + ox, L::max(L::max(x.p[0], x.p[1]), L::max(x.p[2], x.p[3])));
              },
              [&](int ox) {
                out[ox] = std::max(std::max(row[2 * ox], row[2 * ox + 1]), std::max(r1[2 * ox], r1[2 * ox + 1]));
              });
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
        if (k_ == 2) {
          const float* r1 = row + xs.w;
          float* d1 = drow + xs.w;
          for_window_vectors(
              ys.w, [&](auto lanes, int ox) { pool2_backward_step(lanes, row, r1, m, g, drow, d1, ox); },
              [&](int ox) {
                float rest = g[ox];
                const float first = row[2 * ox] == m[ox] ? rest : 0.0f;
                rest -= first;
                const float second = row[2 * ox + 1] == m[ox] ? rest : 0.0f;
                rest -= second;
                const float third = r1[2 * ox] == m[ox] ? rest : 0.0f;
                rest -= third;
                drow[2 * ox] = first;
                drow[2 * ox + 1] = second;
                d1[2 * ox] = third;
                d1[2 * ox + 1] = rest;
              });
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
