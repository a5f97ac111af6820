#include "nn/optimizer.h"

#include <utility>

namespace celab::nn {
namespace {

std::variant<Adam, Sgd> make_optimizer(std::vector<Parameter> parameters, const OptimizerOptions& o) {
  if (o.kind == OptimizerKind::Adam)
    return std::variant<Adam, Sgd>(std::in_place_type<Adam>, std::move(parameters),
                                   AdamOptions{.lr = o.lr, .weight_decay = o.weight_decay});
  return std::variant<Adam, Sgd>(std::in_place_type<Sgd>, std::move(parameters),
                                 SgdOptions{.lr = o.lr, .momentum = o.momentum, .weight_decay = o.weight_decay});
}

}  // namespace

const char* optimizer_name(OptimizerKind kind) { return kind == OptimizerKind::Adam ? "adam" : "sgd"; }

Optimizer::Optimizer(std::vector<Parameter> parameters, const OptimizerOptions& options)
    : kind_(options.kind), impl_(make_optimizer(std::move(parameters), options)) {}

void Optimizer::step() {
  std::visit([](auto& optimizer) { optimizer.step(); }, impl_);
}

void Optimizer::set_lr(double lr) {
  std::visit([lr](auto& optimizer) { optimizer.set_lr(lr); }, impl_);
}

}  // namespace celab::nn
