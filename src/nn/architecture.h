// The network, stated once: the model builds itself from this table, the model file records it
// (and refuses files made for another one), and the summary prints it.
//
// Input (N, 1, 28, 28) pixels in [0, 1] (white ink on black, as MNIST), normalised inside.
// Valid 3x3 convolutions: the MNIST digit sits in the central 20x20, so the border loses nothing.
//   28x28 -conv-> 26 -conv-> 24 -pool-> 12 -conv-> 10 -conv-> 8 -pool-> 4;  32 * 4 * 4 = 512 -> 10.
// 1.24 M multiply-adds per image and 13.4 k parameters (+144 running statistics, a 55 KB model
// file): cheap enough to run forward and backward-to-input in the browser on every stroke. In
// short trials with augmentation, wider conv3/conv4 (20 channels) or a 64-unit hidden layer before
// the classifier did no better, so the budget is not spent on them.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace celab::nn {

enum class LayerKind : uint8_t {
  Normalize = 1,
  Conv2d = 2,
  BatchNorm = 3,
  ReLU = 4,
  MaxPool2d = 5,
  Flatten = 6,
  Linear = 7
};

std::string_view layer_kind_name(LayerKind kind);

// in/out: channels (Conv2d, BatchNorm: in) or features (Linear); kernel: Conv2d, MaxPool2d.
struct LayerSpec {
  LayerKind kind;
  std::string_view name;  // the PyTorch module name, prefix of its state_dict keys
  int in = 0, out = 0, kernel = 0;
};

inline constexpr int kInputChannels = 1, kInputHeight = 28, kInputWidth = 28;
inline constexpr int kInputSize = kInputChannels * kInputHeight * kInputWidth;  // 784
inline constexpr int kClasses = 10;

// MNIST training-set pixel mean and standard deviation (of values in [0, 1]).
inline constexpr float kInputMean = 0.1307f, kInputStd = 0.3081f;
// PyTorch's BatchNorm defaults.
inline constexpr float kBatchNormEps = 1e-5f, kBatchNormMomentum = 0.1f;

inline constexpr std::array kArchitecture{
    LayerSpec{LayerKind::Normalize, "normalize"},
    LayerSpec{LayerKind::Conv2d, "conv1", 1, 8, 3},
    LayerSpec{LayerKind::BatchNorm, "bn1", 8},
    LayerSpec{LayerKind::ReLU, "relu1"},
    LayerSpec{LayerKind::Conv2d, "conv2", 8, 16, 3},
    LayerSpec{LayerKind::BatchNorm, "bn2", 16},
    LayerSpec{LayerKind::ReLU, "relu2"},
    LayerSpec{LayerKind::MaxPool2d, "pool1", 0, 0, 2},
    LayerSpec{LayerKind::Conv2d, "conv3", 16, 16, 3},
    LayerSpec{LayerKind::BatchNorm, "bn3", 16},
    LayerSpec{LayerKind::ReLU, "relu3"},
    LayerSpec{LayerKind::Conv2d, "conv4", 16, 32, 3},
    LayerSpec{LayerKind::BatchNorm, "bn4", 32},
    LayerSpec{LayerKind::ReLU, "relu4"},
    LayerSpec{LayerKind::MaxPool2d, "pool2", 0, 0, 2},
    LayerSpec{LayerKind::Flatten, "flatten"},
    LayerSpec{LayerKind::Linear, "fc", 512, kClasses},
};

// How many layers of `kind` the network has (e.g. for the page's one-line description of it).
constexpr int layer_count(LayerKind kind) {
  int count = 0;
  for (const LayerSpec& spec : kArchitecture) count += spec.kind == kind;
  return count;
}

}  // namespace celab::nn
