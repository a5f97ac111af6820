// Any one of the layers, by value: a model is a std::vector<Layer>, so copying a model copies its
// weights (the app's "Reset model" is an assignment). Layers without parameters simply lack
// init/parameters/state/zero_grad; the helpers below skip them.
#pragma once

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
