#include "nn/max_pool2d.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace celab::nn {

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
        if (k_ == 2) {
          // Selects on local restrict pointers: the compiler vectorises this loop.
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
