// The architecture as a table, per layer: output shape (one image), multiply-adds, parameters;
// then totals and the model file's size. For `celab` to print (e.g. before training).
#pragma once

#include <string>

namespace celab::nn {

std::string architecture_summary();

}  // namespace celab::nn
