// Input normalisation inside the model, so every caller feeds pixels in [0, 1]:
//   forward:  y = (x - mean) / std      (any shape)
//   backward: dx = dy / std
#pragma once

#include <string>

#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/workers.h"

namespace celab::nn {

class Normalize : public LayerName {
 public:
  Normalize(std::string name, float mean, float std);

  Shape output_shape(const Shape& x) const;
  int64_t macs(const Shape&) const { return 0; }

  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);

 private:
  float mean_, std_;
};

}  // namespace celab::nn
