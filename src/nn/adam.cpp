#include "nn/adam.h"

#include <cmath>
#include <utility>

namespace celab::nn {

Adam::Adam(std::vector<Parameter> parameters, AdamOptions options)
    : parameters_(std::move(parameters)), options_(options) {
  for (const Parameter& p : parameters_) {
    m_.emplace_back(p.value.size(), 0.0f);
    v_.emplace_back(p.value.size(), 0.0f);
  }
}

void Adam::step() {
  ++step_;
  // PyTorch computes these scalars in double (Python floats) and applies them as floats.
  const double correction1 = 1.0 - std::pow(options_.beta1, static_cast<double>(step_));
  const double correction2 = 1.0 - std::pow(options_.beta2, static_cast<double>(step_));
  const auto f = [](double v) { return static_cast<float>(v); };
  const float step_size = f(options_.lr / correction1), correction2_sqrt = f(std::sqrt(correction2));
  const float b1 = f(options_.beta1), b2 = f(options_.beta2), one_minus_b1 = f(1.0 - options_.beta1),
              one_minus_b2 = f(1.0 - options_.beta2), wd = f(options_.weight_decay), eps = f(options_.eps);
  for (size_t t = 0; t < parameters_.size(); ++t) {
    float* p = parameters_[t].write().data();
    const float* grad = parameters_[t].grad.data();
    float* m = m_[t].data();
    float* v = v_[t].data();
    for (size_t i = 0; i < parameters_[t].value.size(); ++i) {
      const float g = wd != 0.0f ? grad[i] + wd * p[i] : grad[i];
      m[i] = m[i] * b1 + one_minus_b1 * g;
      v[i] = v[i] * b2 + one_minus_b2 * (g * g);
      p[i] -= step_size * (m[i] / (std::sqrt(v[i]) / correction2_sqrt + eps));
    }
  }
}

}  // namespace celab::nn
