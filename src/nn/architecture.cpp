#include "nn/architecture.h"

namespace celab::nn {

std::string_view layer_kind_name(LayerKind kind) {
  switch (kind) {
    case LayerKind::Normalize: return "Normalize";
    case LayerKind::Conv2d: return "Conv2d";
    case LayerKind::BatchNorm: return "BatchNorm";
    case LayerKind::ReLU: return "ReLU";
    case LayerKind::MaxPool2d: return "MaxPool2d";
    case LayerKind::Flatten: return "Flatten";
    case LayerKind::Linear: return "Linear";
  }
  return "unknown";
}

}  // namespace celab::nn
