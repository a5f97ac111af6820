#include "nn/relu.h"

#include <utility>

namespace celab::nn {

ReLU::ReLU(std::string name) : LayerName(std::move(name), "ReLU") {}

Shape ReLU::output_shape(const Shape& x) const {
  if (x.n < 1 || x.c < 1) throw_shape_error(label_, "input", "(N>=1,C>=1,...)", x);
  return x;
}

void ReLU::forward(const ForwardArgs& a, Workers& workers) {
  check_forward_io(label_, output_shape(a.x.shape), a);
  const int64_t len = a.x.shape.per_sample();
  workers.for_each_chunk(a.x.shape.n, [&](int, SampleRange r, int) {
    const float* x = a.x.sample(r.begin);
    float* y = a.y.sample(r.begin);
    for (int64_t j = 0; j < (r.end - r.begin) * len; ++j) y[j] = x[j] > 0.0f ? x[j] : 0.0f;
  });
}

void ReLU::backward(const BackwardArgs& a, Workers& workers) {
  check_backward_io(label_, output_shape(a.x.shape), a);
  if (!a.dx.data) return;
  const int64_t len = a.x.shape.per_sample();
  workers.for_each_chunk(a.x.shape.n, [&](int, SampleRange r, int) {
    const float* x = a.x.sample(r.begin);
    const float* dy = a.dy.sample(r.begin);
    float* dx = a.dx.sample(r.begin);
    for (int64_t j = 0; j < (r.end - r.begin) * len; ++j) dx[j] = x[j] > 0.0f ? dy[j] : 0.0f;
  });
}

}  // namespace celab::nn
