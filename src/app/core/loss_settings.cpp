#include "app/core/loss_settings.h"

#include <cstdio>
#include <string>

namespace celab::app {
namespace {

// Shortest of %.1f .. %.3f that shows the value exactly as typed in the page (sliders step 0.01).
std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string s = text;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

}  // namespace

std::string criterion_text(const LossSettings& settings, int classes) {
  std::string args;
  const auto add = [&args](const std::string& arg) { args += (args.empty() ? "" : ", ") + arg; };
  if (settings.weighted) {
    std::string list;
    for (int k = 0; k < classes; ++k) list += (k ? ", " : "") + short_number(settings.class_weights[static_cast<size_t>(k)]);
    add("weight=tensor([" + list + "])");
  }
  if (settings.ignore_index != LossSettings::kNoIgnoreIndex) add("ignore_index=" + std::to_string(settings.ignore_index));
  if (settings.reduction != nn::Reduction::Mean) add(std::string("reduction='") + nn::reduction_name(settings.reduction) + "'");
  if (settings.label_smoothing != 0) add("label_smoothing=" + short_number(settings.label_smoothing));
  return "nn.CrossEntropyLoss(" + args + ")";
}

}  // namespace celab::app
