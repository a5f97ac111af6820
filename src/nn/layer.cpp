#include "nn/layer.h"

#include <stdexcept>
#include <string>
#include <type_traits>

#include "nn/architecture.h"

namespace celab::nn {

Layer make_layer(const LayerSpec& s) {
  std::string name(s.name);
  switch (s.kind) {
    case LayerKind::Normalize: return Normalize(name, kInputMean, kInputStd);
    case LayerKind::Conv2d: return Conv2d(name, s.in, s.out, s.kernel);
    case LayerKind::BatchNorm: return BatchNorm(name, s.in, kBatchNormEps, kBatchNormMomentum);
    case LayerKind::ReLU: return ReLU(name);
    case LayerKind::MaxPool2d: return MaxPool2d(name, s.kernel);
    case LayerKind::Flatten: return Flatten(name);
    case LayerKind::Linear: return Linear(name, s.in, s.out);
  }
  throw std::invalid_argument("layer '" + name + "' has unknown kind " + std::to_string(static_cast<int>(s.kind)));
}

const std::string& layer_label(const Layer& layer) {
  return std::visit([](const auto& l) -> const std::string& { return l.label(); }, layer);
}

Shape layer_output_shape(const Layer& layer, const Shape& x) {
  return std::visit([&](const auto& l) { return l.output_shape(x); }, layer);
}

int64_t layer_macs(const Layer& layer, const Shape& x) {
  return std::visit([&](const auto& l) { return l.macs(x); }, layer);
}

bool layer_has_parameters(const Layer& layer) {
  return std::visit([](const auto& l) { return TrainableLayer<std::remove_cvref_t<decltype(l)>>; }, layer);
}

bool layer_reshapes_in_place(const Layer& layer) {
  return std::visit(
      [](const auto& l) {
        if constexpr (requires { l.kReshapesInPlace; }) return l.kReshapesInPlace;
        return false;
      },
      layer);
}

void layer_init(Layer& layer, Rng& rng) {
  std::visit(
      [&](auto& l) {
        if constexpr (TrainableLayer<std::remove_cvref_t<decltype(l)>>) l.init(rng);
      },
      layer);
}

void layer_forward(Layer& layer, const ForwardArgs& a, Workers& workers) {
  std::visit([&](auto& l) { l.forward(a, workers); }, layer);
}

void layer_backward(Layer& layer, const BackwardArgs& a, Workers& workers) {
  std::visit([&](auto& l) { l.backward(a, workers); }, layer);
}

void layer_zero_grad(Layer& layer) {
  std::visit(
      [](auto& l) {
        if constexpr (TrainableLayer<std::remove_cvref_t<decltype(l)>>) l.zero_grad();
      },
      layer);
}

void layer_parameters(Layer& layer, std::vector<Parameter>& out) {
  std::visit(
      [&](auto& l) {
        if constexpr (TrainableLayer<std::remove_cvref_t<decltype(l)>>)
          for (auto& p : l.parameters()) out.push_back(std::move(p));
      },
      layer);
}

void layer_state(Layer& layer, std::vector<StateTensor>& out) {
  std::visit(
      [&](auto& l) {
        if constexpr (TrainableLayer<std::remove_cvref_t<decltype(l)>>)
          for (auto& t : l.state()) out.push_back(std::move(t));
      },
      layer);
}

}  // namespace celab::nn
