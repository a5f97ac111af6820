#include "nn/loss_options.h"

#include <cstdio>

#include "nn/error_text.h"

namespace celab::nn {
namespace {

// Shortest of %.1f .. %.3f that shows the value as the page's sliders set it (steps of 0.01).
std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string s = text;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

}  // namespace

Reduction parse_reduction(std::string_view name) {
  if (name == "none") return Reduction::None;
  if (name == "mean") return Reduction::Mean;
  if (name == "sum") return Reduction::Sum;
  throw LossError("reduction '" + printable_text(name) + "' is not one of none, mean, sum");
}

const char* reduction_name(Reduction r) {
  switch (r) {
    case Reduction::None: return "none";
    case Reduction::Mean: return "mean";
    case Reduction::Sum: return "sum";
  }
  return "?";
}

template <typename T>
std::string criterion_text(const CrossEntropyOptions<T>& options, const CriterionSpelling& spelling) {
  std::string args;
  const auto add = [&args](const std::string& arg) { args += (args.empty() ? "" : ", ") + arg; };
  if (options.weighted()) {
    std::string list;
    for (size_t k = 0; k < options.weight.size(); ++k) list += (k ? ", " : "") + spelling.number(options.weight[k]);
    add("weight=" + spelling.tensor_open + list + spelling.tensor_close);
  }
  if (options.ignore_index != kDefaultIgnoreIndex) add("ignore_index=" + std::to_string(options.ignore_index));
  if (options.reduction != Reduction::Mean) add(std::string("reduction='") + reduction_name(options.reduction) + "'");
  if (options.label_smoothing != 0) add("label_smoothing=" + spelling.number(options.label_smoothing));
  return "nn.CrossEntropyLoss(" + args + ")";
}

template <typename T>
std::string criterion_text(const CrossEntropyOptions<T>& options) {
  return criterion_text(options, CriterionSpelling{short_number});
}

template std::string criterion_text(const CrossEntropyOptions<float>&);
template std::string criterion_text(const CrossEntropyOptions<double>&);
template std::string criterion_text(const CrossEntropyOptions<float>&, const CriterionSpelling&);
template std::string criterion_text(const CrossEntropyOptions<double>&, const CriterionSpelling&);

}  // namespace celab::nn
