#include "nn/sgd.h"

#include <utility>

namespace celab::nn {

Sgd::Sgd(std::vector<Parameter> parameters, SgdOptions options)
    : parameters_(std::move(parameters)), options_(options) {}

void Sgd::step() {
  const auto lr = static_cast<float>(options_.lr), mu = static_cast<float>(options_.momentum),
             wd = static_cast<float>(options_.weight_decay);
  const bool first = momentum_buffers_.empty();
  if (mu != 0.0f && first)
    for (const Parameter& p : parameters_) momentum_buffers_.emplace_back(p.value.size(), 0.0f);
  for (size_t t = 0; t < parameters_.size(); ++t) {
    float* p = parameters_[t].write().data();
    const float* grad = parameters_[t].grad.data();
    for (size_t i = 0; i < parameters_[t].value.size(); ++i) {
      float g = wd != 0.0f ? grad[i] + wd * p[i] : grad[i];
      if (mu != 0.0f) {
        float& b = momentum_buffers_[t][i];
        b = first ? g : mu * b + g;
        g = b;
      }
      p[i] -= lr * g;
    }
  }
}

}  // namespace celab::nn
