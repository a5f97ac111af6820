#include "nn/normalize.h"

#include <cstdio>
#include <string>
#include <utility>

namespace celab::nn {

namespace {

std::string normalize_text(float mean, float std) {
  char text[64];
  std::snprintf(text, sizeof text, "Normalize %g, %g", mean, std);
  return text;
}

}  // namespace

Normalize::Normalize(std::string name, float mean, float std)
    : LayerName(std::move(name), normalize_text(mean, std)), mean_(mean), std_(std) {}

Shape Normalize::output_shape(const Shape& x) const {
  if (x.n < 1 || x.c < 1) throw_shape_error(label_, "input", "(N>=1,C>=1,...)", x);
  return x;
}

void Normalize::forward(const ForwardArgs& a, Workers& workers) {
  check_forward_io(label_, output_shape(a.x.shape), a);
  const int64_t len = a.x.shape.per_sample();
  workers.for_each_chunk(a.x.shape.n, [&](int, SampleRange r, int) {
    const float* x = a.x.sample(r.begin);
    float* y = a.y.sample(r.begin);
    for (int64_t j = 0; j < (r.end - r.begin) * len; ++j) y[j] = (x[j] - mean_) / std_;
  });
}

void Normalize::backward(const BackwardArgs& a, Workers& workers) {
  check_backward_io(label_, output_shape(a.x.shape), a);
  if (!a.dx.data) return;
  const int64_t len = a.x.shape.per_sample();
  workers.for_each_chunk(a.x.shape.n, [&](int, SampleRange r, int) {
    const float* dy = a.dy.sample(r.begin);
    float* dx = a.dx.sample(r.begin);
    for (int64_t j = 0; j < (r.end - r.begin) * len; ++j) dx[j] = dy[j] / std_;
  });
}

}  // namespace celab::nn
