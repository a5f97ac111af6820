// Shapes and non-owning views of float tensors, NCHW row-major (PyTorch's memory order), and the
// run-time shape check every layer does. Features of a Linear layer are (N, F) = (N, F, 1, 1).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace celab::nn {

struct Shape {
  int n = 0, c = 0, h = 1, w = 1;

  int64_t plane() const { return int64_t{h} * w; }
  int64_t per_sample() const { return int64_t{c} * h * w; }
  int64_t size() const { return int64_t{n} * per_sample(); }
  bool operator==(const Shape&) const = default;
  // "(64,8,26,26)"; 2-D shapes (h = w = 1) print as "(64,512)".
  std::string str() const;
};

struct TensorView {
  float* data = nullptr;
  Shape shape;
  float* sample(int i) const { return data + i * shape.per_sample(); }
};

struct ConstTensorView {
  const float* data = nullptr;
  Shape shape;
  ConstTensorView() = default;
  ConstTensorView(const float* d, Shape s) : data(d), shape(s) {}
  ConstTensorView(TensorView v) : data(v.data), shape(v.shape) {}  // NOLINT: views convert freely
  const float* sample(int i) const { return data + i * shape.per_sample(); }
};

// A tensor of the wrong shape reached a layer or the model. The message names the layer, what it
// expected and what it got, e.g. "conv2 (Conv2d 8->16 k3): input expected (N,8,H>=3,W>=3), got (64,16,24,24)".
struct ShapeError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

[[noreturn]] void throw_shape_error(std::string_view layer, std::string_view what, std::string_view expected,
                                    const Shape& got);

// Throws ShapeError unless got == expected.
void check_shape(std::string_view layer, std::string_view what, const Shape& expected, const Shape& got);

}  // namespace celab::nn
