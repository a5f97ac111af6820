#include "nn/summary.h"

#include <cstdio>
#include <vector>

#include "nn/error_text.h"
#include "nn/model.h"
#include "nn/model_file.h"

namespace celab::nn {
namespace {

std::string shape_per_image(const Shape& s) {
  const int64_t dims[] = {s.c, s.h, s.w};
  return shape_text(std::span(dims, s.h != 1 || s.w != 1 ? 3 : 1), ShapeStyle::Compact);
}

}  // namespace

std::string architecture_summary() {
  Model model;
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-36s %-12s %12s %10s %10s\n", "layer", "output", "MACs", "params", "stats");
  out += line;
  int64_t total_macs = 0, total_params = 0, total_stats = 0;
  for (size_t i = 0; i < model.layers().size(); ++i) {
    Layer layer = model.layers()[i];
    std::vector<Parameter> params;
    std::vector<StateTensor> state;
    layer_parameters(layer, params);
    layer_state(layer, state);
    int64_t n_params = 0, n_state = 0;
    for (const Parameter& p : params) n_params += static_cast<int64_t>(p.value.size());
    for (const StateTensor& t : state) n_state += static_cast<int64_t>(t.value.size());
    const int64_t macs = layer_macs(layer, model.shape_at(i, 1));
    total_macs += macs;
    total_params += n_params;
    total_stats += n_state - n_params;
    std::snprintf(line, sizeof line, "%-36s %-12s %12lld %10lld %10lld\n", layer_label(layer).c_str(),
                  shape_per_image(model.shape_at(i + 1, 1)).c_str(), static_cast<long long>(macs),
                  static_cast<long long>(n_params), static_cast<long long>(n_state - n_params));
    out += line;
  }
  std::snprintf(line, sizeof line, "%-36s %-12s %12lld %10lld %10lld\n", "total (one image)", "",
                static_cast<long long>(total_macs), static_cast<long long>(total_params),
                static_cast<long long>(total_stats));
  out += line;
  std::snprintf(line, sizeof line, "float32 weights and statistics: %lld bytes; model file: %zu bytes\n",
                static_cast<long long>(4 * (total_params + total_stats)), model_to_bytes(model).size());
  out += line;
  return out;
}

}  // namespace celab::nn
