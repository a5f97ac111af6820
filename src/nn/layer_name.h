// What every layer is called: its name (the PyTorch module name, prefix of its state_dict keys) and
// its label for messages and summaries, the name with what the layer is, "conv2 (Conv2d 8->16 k3)".
// Each layer derives from it (the LayerType concept in layer.h asks for both).
#pragma once

#include <string>
#include <utility>

namespace celab::nn {

class LayerName {
 public:
  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }

 protected:
  // `what`: the layer's kind and sizes, e.g. "Conv2d 8->16 k3".
  LayerName(std::string name, const std::string& what) : name_(std::move(name)), label_(name_ + " (" + what + ")") {}

  std::string name_, label_;
};

}  // namespace celab::nn
