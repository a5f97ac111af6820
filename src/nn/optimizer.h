// The two optimizers behind one face, chosen at run time: `celab train` and the page's training
// card pick one by name and step it the same way.
#pragma once

#include <string_view>
#include <variant>
#include <vector>

#include "nn/adam.h"
#include "nn/parameter.h"
#include "nn/sgd.h"

namespace celab::nn {

enum class OptimizerKind { Adam, Sgd };
inline constexpr OptimizerKind kOptimizerKinds[] = {OptimizerKind::Adam, OptimizerKind::Sgd};

// "adam" | "sgd".
const char* optimizer_name(OptimizerKind kind);

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::Adam;
  double lr = 1e-3;
  double momentum = 0.9;  // SGD only
  double weight_decay = 0.0;
  bool operator==(const OptimizerOptions&) const = default;
};

class Optimizer {
 public:
  // The parameters' spans must outlive the optimizer (Model::parameters() spans live with the model).
  Optimizer(std::vector<Parameter> parameters, const OptimizerOptions& options);

  void step();  // reads the gradients, updates the values; does not zero the gradients
  void set_lr(double lr);
  OptimizerKind kind() const { return kind_; }

 private:
  OptimizerKind kind_;
  std::variant<Adam, Sgd> impl_;
};

}  // namespace celab::nn
