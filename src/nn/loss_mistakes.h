// The common mistakes made with nn.CrossEntropyLoss, and what PyTorch 1.13 does with each: raise
// (its exception line, as Python's traceback ends) or return a number (computed here by the
// library, on the mistaken call). One sample or a batch: logits (N, C), class indices, options.
// The mistaken program of each (tests/golden/make_mistakes.py runs them in real PyTorch):
//   softmax_as_logits   loss_fn(logits.softmax(dim=1), target)      the loss of softmax(x), never below
//                       log(e + C - 1) - 1; its gradient through the softmax shrinks (Criterion::SoftmaxFirst)
//   log_softmax_first   loss_fn(logits.log_softmax(dim=1), target)  the same loss: log_softmax(log_softmax(x))
//                       = log_softmax(x), since the exponentials of log-probabilities sum to 1
//   labels_from_one     loss_fn(logits, target + 1)                 IndexError for the last class, else the
//                       loss of the wrong class, silently
//   one_hot_float       F.one_hot(target, C).float()                read as class probabilities
//   one_hot_long        F.one_hot(target, C)                        RuntimeError (integer probabilities)
//   index_column        target.view(-1, 1)                          RuntimeError (multi-target)
//   float_indices       target.float()                              RuntimeError (expected Long)
//   all_ignored         every target = ignore_index, reduction mean nan = 0 / 0
//   weighted_mean       weight=w, reduction mean                     sum / sum of w[y_i], not / N
//   ignore_real_class   ignore_index=0 (a real class)               its samples leave the loss, the class
//                                                                   stays in the softmax
// Adding a mistake starts here (and in the golden generator).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/loss_breakdown.h"
#include "nn/loss_options.h"
#include "nn/pytorch_errors.h"

namespace celab::nn {

enum class Mistake {
  SoftmaxAsLogits,
  LogSoftmaxFirst,
  LabelsFromOne,
  OneHotFloat,
  OneHotLong,
  IndexColumn,
  FloatIndices,
  AllIgnored,
  WeightedMean,
  IgnoreRealClass,
};
inline constexpr Mistake kMistakes[] = {Mistake::SoftmaxAsLogits, Mistake::LogSoftmaxFirst, Mistake::LabelsFromOne,
                                        Mistake::OneHotFloat,     Mistake::OneHotLong,      Mistake::IndexColumn,
                                        Mistake::FloatIndices,    Mistake::AllIgnored,      Mistake::WeightedMean,
                                        Mistake::IgnoreRealClass};

// "softmax_as_logits", ...: the name on the command line, in window.celab and in the golden file.
const char* mistake_name(Mistake mistake);
// Throws LossError naming the bad value and the names that exist.
Mistake parse_mistake(std::string_view name);

// The class index ignore_real_class passes as ignore_index.
inline constexpr int64_t kIgnoredRealClass = 0;
// The weight weighted_mean gives the target's class when the example has no class weights (1 elsewhere).
inline constexpr double kDemoTargetWeight = 3;

// The class weights weighted_mean uses: the example's, or 1 per class and kDemoTargetWeight for the
// first sample's target.
std::vector<double> weighted_mean_weights(int64_t classes, std::span<const int64_t> target,
                                          const CrossEntropyOptions<double>& options);

// The options of the mistaken program: the example's, but for all_ignored (reduction mean),
// weighted_mean (weighted_mean_weights, reduction mean) and ignore_real_class (ignore_index 0).
CrossEntropyOptions<double> mistaken_options(Mistake mistake, int64_t classes, std::span<const int64_t> target,
                                             const CrossEntropyOptions<double>& options);

// The call the mistaken program makes: nn.CrossEntropyLoss(options)(input, target or probabilities).
struct MistakenCall {
  RowMatrix<double> input;          // logits, softmax(logits) or log_softmax(logits): (N, C)
  std::vector<int64_t> target;      // class indices (empty with probability targets)
  RowMatrix<double> probabilities;  // one-hot float targets (N, C); 0x0 with class indices
  CrossEntropyOptions<double> options;
  bool with_probabilities() const { return probabilities.size() > 0; }
};

// What PyTorch does with the mistake: raises (error, PyTorch's line) or returns a loss.
struct MistakeOutcome {
  std::string error;                       // empty when PyTorch returns a number
  std::optional<MistakenCall> call;        // the call, when PyTorch returns a number
  std::optional<LossBreakdown> breakdown;  // of the call, three ways, when PyTorch returns a number
  RowMatrix<double> grad_logits;           // dL/dlogits of the mistaken program (of the sum for 'none'), through
                                           // the softmax for softmax_as_logits; (N, C) when there is a number
  bool raised() const { return !error.empty(); }
  // The loss PyTorch returns (the first row's for reduction 'none'); needs !raised().
  double loss() const { return breakdown->loss(); }
};

// The mistake applied to an example PyTorch accepts (throws LossError for one it rejects, as
// loss_breakdown does).
MistakeOutcome evaluate_mistake(Mistake mistake, ConstMatrixRef<double> logits, std::span<const int64_t> target,
                                const CrossEntropyOptions<double>& options);

// The least loss softmax_as_logits can reach with C classes: log(e + C - 1) - 1 (the softmax of a
// sure prediction, one 1 and C - 1 zeros, taken as logits): 0.5514 for 3 classes, 1.4612 for 10.
double softmax_as_logits_floor(int64_t classes);

}  // namespace celab::nn
