// The options of nn.CrossEntropyLoss, stated once: the library computes with them, the page edits
// them, the CLI parses them and golden cases carry them. Adding an option starts here.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace celab::nn {

enum class Reduction { None, Mean, Sum };
inline constexpr Reduction kReductions[] = {Reduction::Mean, Reduction::Sum,
                                            Reduction::None};  // PyTorch's order of mention

// "none" | "mean" | "sum"; throws LossError naming the bad value otherwise.
Reduction parse_reduction(std::string_view name);
const char* reduction_name(Reduction r);

// PyTorch's default ignore_index: no class index is negative, so no target is ignored.
inline constexpr int64_t kDefaultIgnoreIndex = -100;

// Input PyTorch would reject. The message names the value and where it is, e.g.
// "target 3 at position 1 is out of range [0, 3)".
struct LossError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// T: the scalar of the input (PyTorch's weight tensor has the input's dtype).
template <typename T>
struct CrossEntropyOptions {
  std::vector<T> weight;  // empty: no class weights (PyTorch's None); otherwise exactly C entries
  int64_t ignore_index = kDefaultIgnoreIndex;
  Reduction reduction = Reduction::Mean;
  double label_smoothing = 0.0;  // in [0, 1]

  CrossEntropyOptions() = default;
  CrossEntropyOptions(std::vector<T> w, int64_t ignore, Reduction r, double eps)
      : weight(std::move(w)), ignore_index(ignore), reduction(r), label_smoothing(eps) {}
  // The same options for another scalar type (e.g. the page's double settings for a float model).
  template <typename U>
  explicit CrossEntropyOptions(const CrossEntropyOptions<U>& other) {
    assign(other);
  }
  // As the converting constructor, reusing this object's weight buffer (no allocation once reserved).
  template <typename U>
  void assign(const CrossEntropyOptions<U>& other) {
    weight.assign(other.weight.begin(), other.weight.end());
    ignore_index = other.ignore_index;
    reduction = other.reduction;
    label_smoothing = other.label_smoothing;
  }

  bool weighted() const { return !weight.empty(); }
  // The weight of class c: 1 without weights.
  T weight_of(size_t c) const { return weight.empty() ? T(1) : weight[c]; }
  bool is_default() const { return *this == CrossEntropyOptions{}; }
  bool operator==(const CrossEntropyOptions&) const = default;
};

// The criterion as Python constructs it, listing only what differs from PyTorch's defaults, e.g.
// "nn.CrossEntropyLoss(weight=tensor([1, 2.5]), label_smoothing=0.1)". Numbers are printed as
// the page's sliders set them (at most three decimals).
template <typename T>
std::string criterion_text(const CrossEntropyOptions<T>& options);

// How criterion_text spells numbers and the weight tensor: for reading (the default above: at most
// three decimals, "tensor([1, 2.5])") or for a program that rebuilds the options exactly (e.g.
// shortest round-trip numbers and "torch.tensor([1.0, 2.5], dtype=torch.float64)").
struct CriterionSpelling {
  std::string (*number)(double);
  std::string tensor_open = "tensor([", tensor_close = "])";
};
template <typename T>
std::string criterion_text(const CrossEntropyOptions<T>& options, const CriterionSpelling& spelling);

}  // namespace celab::nn
