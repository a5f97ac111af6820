#include "nn/loss_mistakes.h"

#include <cmath>

#include "nn/criterion.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

using Eigen::Index;

// The mistaken call, or PyTorch's exception line. PyTorch checks the target's type and shape
// before anything else, whatever the options.
std::string mistaken_call(Mistake mistake, ConstMatrixRef<double> logits, std::span<const int64_t> target,
                          const CrossEntropyOptions<double>& options, MistakenCall& call) {
  const Index n = logits.rows(), c = logits.cols();
  call.input = logits;
  call.target.assign(target.begin(), target.end());
  call.options = mistaken_options(mistake, c, target, options);
  switch (mistake) {
    case Mistake::SoftmaxAsLogits: softmax<double>(logits, call.input); break;
    case Mistake::LogSoftmaxFirst: log_softmax<double>(logits, call.input); break;
    case Mistake::LabelsFromOne:
      // nll_loss checks every target against [0, C) (ignore_index aside) and names the first bad one.
      for (int64_t& t : call.target) {
        ++t;
        if (t != options.ignore_index && (t < 0 || t >= c)) return pytorch_target_out_of_bounds(t);
      }
      break;
    case Mistake::OneHotFloat: {
      if (options.ignore_index >= 0) return kPytorchProbsIgnoreIndex;
      // .float() makes the target float32, and PyTorch smooths it in its own type:
      // q = fl32(fl32(t * fl32(1 - eps)) + fl32(eps / C)), promoted to the input's float64 only after.
      // The call gets q already smoothed (and label_smoothing 0), so that its loss is PyTorch's to the bit.
      const double eps = options.label_smoothing;
      const auto share = [eps, c](float t) {
        const float kept = t * static_cast<float>(1 - eps);  // two statements: rounded twice, never fused
        return static_cast<double>(kept + static_cast<float>(eps / static_cast<double>(c)));
      };
      call.probabilities = RowMatrix<double>::Constant(n, c, eps > 0 ? share(0) : 0.0);
      for (Index i = 0; i < n; ++i) call.probabilities(i, target[static_cast<size_t>(i)]) = eps > 0 ? share(1) : 1.0;
      call.options.label_smoothing = 0;
      call.target.clear();
      break;
    }
    case Mistake::OneHotLong: return kPytorchOneHotLong;
    case Mistake::IndexColumn: return kPytorchMultiTarget;
    case Mistake::FloatIndices: return kPytorchFloatIndices;
    case Mistake::AllIgnored:
      for (int64_t& t : call.target) t = options.ignore_index;
      break;
    case Mistake::WeightedMean:
    case Mistake::IgnoreRealClass: break;  // the options only
  }
  return {};
}

}  // namespace

const char* mistake_name(Mistake mistake) {
  switch (mistake) {
    case Mistake::SoftmaxAsLogits: return "softmax_as_logits";
    case Mistake::LogSoftmaxFirst: return "log_softmax_first";
    case Mistake::LabelsFromOne: return "labels_from_one";
    case Mistake::OneHotFloat: return "one_hot_float";
    case Mistake::OneHotLong: return "one_hot_long";
    case Mistake::IndexColumn: return "index_column";
    case Mistake::FloatIndices: return "float_indices";
    case Mistake::AllIgnored: return "all_ignored";
    case Mistake::WeightedMean: return "weighted_mean";
    case Mistake::IgnoreRealClass: return "ignore_real_class";
  }
  return "?";
}

Mistake parse_mistake(std::string_view name) {
  std::string names;
  for (Mistake m : kMistakes) {
    if (name == mistake_name(m)) return m;
    names += (names.empty() ? "" : ", ") + std::string(mistake_name(m));
  }
  throw LossError("mistake '" + std::string(name) + "' is not one of " + names);
}

std::vector<double> weighted_mean_weights(int64_t classes, std::span<const int64_t> target,
                                          const CrossEntropyOptions<double>& options) {
  if (options.weighted()) return options.weight;
  std::vector<double> weight(static_cast<size_t>(classes), 1.0);
  if (!target.empty() && target[0] >= 0 && target[0] < classes)
    weight[static_cast<size_t>(target[0])] = kDemoTargetWeight;
  return weight;
}

CrossEntropyOptions<double> mistaken_options(Mistake mistake, int64_t classes, std::span<const int64_t> target,
                                             const CrossEntropyOptions<double>& options) {
  CrossEntropyOptions<double> changed = options;
  switch (mistake) {
    case Mistake::AllIgnored: changed.reduction = Reduction::Mean; break;
    case Mistake::WeightedMean:
      changed.weight = weighted_mean_weights(classes, target, options);
      changed.reduction = Reduction::Mean;
      break;
    case Mistake::IgnoreRealClass: changed.ignore_index = kIgnoredRealClass; break;
    default: break;
  }
  return changed;
}

MistakeOutcome evaluate_mistake(Mistake mistake, ConstMatrixRef<double> logits, std::span<const int64_t> target,
                                const CrossEntropyOptions<double>& options) {
  loss_breakdown(logits, target, options);  // the example itself must be one PyTorch accepts
  MistakeOutcome outcome;
  MistakenCall call;
  outcome.error = mistaken_call(mistake, logits, target, options, call);
  if (outcome.raised()) return outcome;
  outcome.breakdown = call.with_probabilities() ? loss_breakdown(call.input, call.probabilities, call.options)
                                                : loss_breakdown(call.input, call.target, call.options);
  if (mistake == Mistake::SoftmaxAsLogits) {
    // The gradient reaches the logits through the softmax: the training criterion softmax_first.
    outcome.grad_logits.resize(logits.rows(), logits.cols());
    criterion_rows<double>(Criterion::SoftmaxFirst, logits, call.target, call.options, outcome.grad_logits);
  } else {
    // log_softmax_first: the gradient through log_softmax is the same, since g = p - q sums to 0 per row.
    outcome.grad_logits = outcome.breakdown->grad_logits;
  }
  outcome.call = std::move(call);
  return outcome;
}

double softmax_as_logits_floor(int64_t classes) {
  return std::log(std::exp(1.0) + static_cast<double>(classes - 1)) - 1;
}

}  // namespace celab::nn
