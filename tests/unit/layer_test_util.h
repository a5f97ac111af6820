// Helpers for the layer tests: owned tensors, seeded fills, and a finite-difference gradient check
// of any layer against the loss L = sum(r * y) for a fixed random r (so dL/dy = r).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "nn/layer.h"
#include "nn/rng.h"
#include "nn/workers.h"

namespace celab::nn::testing {

struct OwnedTensor {
  Shape shape;
  std::vector<float> data;
  explicit OwnedTensor(Shape s, float value = 0.0f) : shape(s), data(static_cast<size_t>(s.size()), value) {}
  TensorView view() { return {data.data(), shape}; }
  ConstTensorView cview() const { return {data.data(), shape}; }
};

// Uniform in [lo, hi), from Rng(seed).
inline OwnedTensor random_tensor(Shape s, uint64_t seed, double lo = -1.0, double hi = 1.0) {
  OwnedTensor t(s);
  Rng rng(seed);
  for (float& v : t.data) v = static_cast<float>(rng.uniform(lo, hi));
  return t;
}

inline double weighted_sum(const OwnedTensor& y, const OwnedTensor& r) {
  double sum = 0.0;
  for (size_t i = 0; i < y.data.size(); ++i) sum += static_cast<double>(y.data[i]) * r.data[i];
  return sum;
}

// Checks one layer's backward (dL/dx and every parameter gradient) against central differences
// of L = sum(r * layer(x)) in `mode`. eps: the step; tolerance |numeric - analytic| <=
// atol + rtol * |analytic|.
struct GradCheck {
  double eps = 1e-3;
  double atol = 1e-3;
  double rtol = 1e-2;
};

inline void check_layer_gradients(Layer& layer, const OwnedTensor& x, Mode mode, uint64_t seed, GradCheck tol = {}) {
  Workers workers(1);
  const Shape ys = layer_output_shape(layer, x.shape);
  const OwnedTensor r = random_tensor(ys, seed);
  auto loss = [&](const OwnedTensor& input) {
    OwnedTensor y(ys);
    layer_forward(layer, {input.cview(), y.view(), mode}, workers);
    return weighted_sum(y, r);
  };

  OwnedTensor y(ys), dx(x.shape);
  layer_forward(layer, {x.cview(), y.view(), mode}, workers);
  layer_zero_grad(layer);
  layer_backward(layer, {x.cview(), y.cview(), r.cview(), dx.view(), mode, true}, workers);

  OwnedTensor probe = x;
  for (size_t i = 0; i < x.data.size(); ++i) {
    probe.data[i] = x.data[i] + static_cast<float>(tol.eps);
    const double up = loss(probe);
    probe.data[i] = x.data[i] - static_cast<float>(tol.eps);
    const double down = loss(probe);
    probe.data[i] = x.data[i];
    const double numeric = (up - down) / (2 * tol.eps);
    EXPECT_NEAR(numeric, dx.data[i], tol.atol + tol.rtol * std::abs(dx.data[i]))
        << layer_label(layer) << " dL/dx[" << i << "]";
  }

  std::vector<Parameter> params;
  layer_parameters(layer, params);
  for (Parameter& p : params) {
    const std::vector<float> analytic(p.grad.begin(), p.grad.end());
    for (size_t i = 0; i < p.value.size(); ++i) {
      const float saved = p.value[i];
      p.write()[i] = saved + static_cast<float>(tol.eps);
      const double up = loss(x);
      p.write()[i] = saved - static_cast<float>(tol.eps);
      const double down = loss(x);
      p.write()[i] = saved;
      const double numeric = (up - down) / (2 * tol.eps);
      EXPECT_NEAR(numeric, analytic[i], tol.atol + tol.rtol * std::abs(analytic[i])) << p.name << "[" << i << "]";
    }
  }
}

}  // namespace celab::nn::testing
