// Any one of the layers, by value: a model is a std::vector<Layer>, so copying a model copies its
// weights (the app's "Reset model" is an assignment). The contract every layer keeps is the concept
// LayerType; a layer with weights is also a TrainableLayer. Each layer type is checked against its
// contract below, so a misspelt method is a compile error, not a layer that silently never trains.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "nn/batch_norm.h"
#include "nn/conv2d.h"
#include "nn/flatten.h"
#include "nn/linear.h"
#include "nn/max_pool2d.h"
#include "nn/normalize.h"
#include "nn/relu.h"

namespace celab::nn {

struct LayerSpec;

// Every layer: a name ("conv1", the PyTorch module name), a label for messages and summaries
// ("conv1 (Conv2d 1->8 k3)"), the output shape and multiply-adds for an input shape, and the
// forward/backward pair on views the model owns.
template <typename L>
concept LayerType = requires(L& layer, const L& c, const Shape& x, const ForwardArgs& f, const BackwardArgs& b,
                             Workers& workers) {
  { c.name() } -> std::convertible_to<const std::string&>;
  { c.label() } -> std::convertible_to<const std::string&>;
  { c.output_shape(x) } -> std::same_as<Shape>;
  { c.macs(x) } -> std::same_as<int64_t>;
  layer.forward(f, workers);
  layer.backward(b, workers);
};

// A layer with weights: initialised from the seeded Rng, trained through parameters() (value and
// gradient spans), saved and loaded through state() (parameters plus running statistics).
template <typename L>
concept TrainableLayer = LayerType<L> && requires(L& layer, Rng& rng) {
  layer.init(rng);
  { layer.parameters() } -> std::same_as<std::vector<Parameter>>;
  { layer.state() } -> std::same_as<std::vector<StateTensor>>;
  layer.zero_grad();
};

static_assert(LayerType<Normalize> && !TrainableLayer<Normalize>);
static_assert(TrainableLayer<Conv2d>);
static_assert(TrainableLayer<BatchNorm>);
static_assert(LayerType<ReLU> && !TrainableLayer<ReLU>);
static_assert(LayerType<MaxPool2d> && !TrainableLayer<MaxPool2d>);
static_assert(LayerType<Flatten> && !TrainableLayer<Flatten>);
static_assert(TrainableLayer<Linear>);

using Layer = std::variant<Normalize, Conv2d, BatchNorm, ReLU, MaxPool2d, Flatten, Linear>;

// Builds the layer a spec describes (batch norms get kBatchNormEps and kBatchNormMomentum).
Layer make_layer(const LayerSpec& spec);

const std::string& layer_label(const Layer& layer);  // "conv2 (Conv2d 8->16 k3)"
Shape layer_output_shape(const Layer& layer, const Shape& x);
int64_t layer_macs(const Layer& layer, const Shape& x);
bool layer_has_parameters(const Layer& layer);
bool layer_reshapes_in_place(const Layer& layer);  // Flatten: output is a view of the input

void layer_init(Layer& layer, Rng& rng);
void layer_forward(Layer& layer, const ForwardArgs& a, Workers& workers);
void layer_backward(Layer& layer, const BackwardArgs& a, Workers& workers);
void layer_zero_grad(Layer& layer);
// Appended to `out`, in the layer's order.
void layer_parameters(Layer& layer, std::vector<Parameter>& out);
void layer_state(Layer& layer, std::vector<StateTensor>& out);

}  // namespace celab::nn
