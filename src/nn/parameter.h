// Named views of a model's tensors, in PyTorch's state_dict naming and shapes ("conv1.weight",
// {8,1,3,3}), so optimizers, the model file and PyTorch comparisons all speak the same language.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace celab::nn {

// A trainable tensor and its gradient (same size).
struct Parameter {
  std::string name;
  std::vector<int> shape;
  std::span<float> value;
  std::span<float> grad;
};

// Everything a model file stores: the parameters, then non-trainable state (batch-norm running
// statistics).
template <typename T>
struct BasicStateTensor {
  std::string name;
  std::vector<int> shape;
  std::span<T> value;
};
using StateTensor = BasicStateTensor<float>;
using ConstStateTensor = BasicStateTensor<const float>;

}  // namespace celab::nn
