// Named views of a model's tensors, in PyTorch's state_dict naming and shapes ("conv1.weight",
// {8,1,3,3}), so optimizers, the model file and PyTorch comparisons all speak the same language.
//
// Values are read through `value` and written only through write(), which first counts the write
// in the owning layer's TensorVersion: what a layer derives from its values (Conv2d's Winograd
// transform of its weights) is made again when the version has moved since, instead of comparing
// every value on every forward pass. No writer can forget to count: there is no other writable view.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace celab::nn {

// How many times a layer's tensors have changed: handed out by write(), or changed by the layer
// itself (init, a batch norm's running statistics in training). A copy of a layer copies it with
// the values and with what was derived from them, so the three stay in step.
class TensorVersion {
 public:
  uint64_t count() const { return count_; }
  void bump() { ++count_; }

 private:
  uint64_t count_ = 0;
};

// A tensor a layer owns: its values to read, and write() to change them. A model file stores every
// one: the parameters, then non-trainable state (batch-norm running statistics).
class StateTensor {
 public:
  StateTensor(std::string name, std::vector<int> shape, std::span<float> values, TensorVersion& version)
      : name(std::move(name)), shape(std::move(shape)), value(values), writable_(values), version_(&version) {}

  // The values to change, after counting the change. Call it for each round of writes: a span kept
  // past a forward pass and written again later would leave derived values stale.
  std::span<float> write() const {
    version_->bump();
    return writable_;
  }

  std::string name;
  std::vector<int> shape;
  std::span<const float> value;

 private:
  std::span<float> writable_;
  TensorVersion* version_;
};

// A trainable tensor and its gradient (same size).
struct Parameter : StateTensor {
  Parameter(std::string name, std::vector<int> shape, std::span<float> values, std::span<float> grad,
            TensorVersion& version)
      : StateTensor(std::move(name), std::move(shape), values, version), grad(grad) {}

  std::span<float> grad;
};

// A tensor to read only (a const model's state()).
struct ConstStateTensor {
  std::string name;
  std::vector<int> shape;
  std::span<const float> value;
};

}  // namespace celab::nn
