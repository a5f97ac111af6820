#include "nn/max_pool2d.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace celab::nn {

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
      for (int oy = 0; oy < ys.h; ++oy)
        for (int ox = 0; ox < ys.w; ++ox) {
          const float* window = x + int64_t{oy} * k_ * xs.w + ox * k_;
          float m = window[0];
          for (int ky = 0; ky < k_; ++ky)
            for (int kx = 0; kx < k_; ++kx) m = std::max(m, window[ky * xs.w + kx]);
          y[oy * ys.w + ox] = m;
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
      for (int oy = 0; oy < ys.h; ++oy)
        for (int ox = 0; ox < ys.w; ++ox) {
          // Every window position is written; only the first that holds the maximum gets dy.
          const int64_t base = int64_t{oy} * k_ * xs.w + ox * k_;
          const float m = y[oy * ys.w + ox], g = dy[oy * ys.w + ox];
          bool taken = false;
          for (int ky = 0; ky < k_; ++ky)
            for (int kx = 0; kx < k_; ++kx) {
              const int64_t i = base + int64_t{ky} * xs.w + kx;
              const bool hit = !taken && x[i] == m;
              dx[i] = hit ? g : 0.0f;
              taken = taken || hit;
            }
        }
    }
  });
}

}  // namespace celab::nn
