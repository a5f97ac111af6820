// How sure a classifier is against how often it is right: the reliability diagram, the expected and
// maximum calibration error, the NLL (mean cross-entropy), the temperature that minimises the NLL
// (Guo et al. 2017, "On Calibration of Modern Neural Networks"), the confusion matrix and the
// samples of highest loss. The page's confidence cards (500 test digits) and `celab calibrate` /
// `celab eval` (MNIST's 10,000) are these functions; they know nothing of files or UI.
//
// Shapes: logits and probabilities (N, C), one sample per row; labels (N), each in [0, C).
// A sample's confidence is its largest probability, its prediction the first class holding it
// (torch.max's index), and it is right when the prediction equals its label. Temperature T > 0
// divides the logits: softmax(logits / T); T = 1 is PyTorch's plain softmax. T never changes the
// prediction. Computed in double (a float model's logits convert exactly).
//
// The two halves of a set, shared by the page and the CLI so that they report the same figures:
// the fit half is the samples at even indices (0, 2, 4, ...), the held-out half those at odd
// indices (1, 3, 5, ...). fit_temperature() fits T on the fit half and reports the held-out half
// before (T = 1) and after (T fitted).
//
// Checked against PyTorch 1.13 (tests/golden/calibration_reference.json, written by
// tests/golden/make_calibration_reference.py).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "nn/eigen_types.h"

namespace celab::nn {

// Equal-width confidence bins: bin b holds the confidences in (b/15, (b+1)/15]; bin 0 also holds
// a confidence of exactly 0 (as the usual ECE code, lower edge exclusive, upper edge inclusive).
inline constexpr int kReliabilityBins = 15;
// The temperatures fit_temperature() searches (ends included).
inline constexpr double kMinTemperature = 0.05, kMaxTemperature = 20.0;

struct ReliabilityBin {
  double lo = 0, hi = 0;  // confidence edges (lo, hi]
  int64_t count = 0;      // samples whose confidence falls in the bin
  double accuracy = 0;    // fraction of them predicted right; 0 for an empty bin
  double confidence = 0;  // their mean confidence; 0 for an empty bin
  double gap() const { return accuracy > confidence ? accuracy - confidence : confidence - accuracy; }
};

struct Calibration {
  std::array<ReliabilityBin, kReliabilityBins> bins{};
  int64_t count = 0;    // N
  double accuracy = 0;  // fraction predicted right
  double ece = 0;       // expected calibration error: sum_b count_b / N * |accuracy_b - confidence_b|
  double mce = 0;       // maximum calibration error: max over non-empty bins of |accuracy_b - confidence_b|
  double nll = 0;       // mean cross-entropy of logits / T (nn.CrossEntropyLoss()); 0 from probabilities alone
};

// The bin of a confidence in [0, 1] (kReliabilityBins - 1 for anything above 1 - 1/15).
int reliability_bin(double confidence);

// Bins, ECE, MCE and accuracy from probabilities (N, C); nll stays 0 (use calibration() for it).
// Throws LossError for a label out of [0, C), a count of labels other than N, or a probability that
// is NaN or outside [0, 1].
Calibration reliability(ConstMatrixRef<double> probabilities, std::span<const int64_t> labels);

// The same from logits (N, C) at temperature T, with the NLL. Throws LossError as reliability()
// does, for a logit that is not finite, and for T not in (0, inf).
Calibration calibration(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double temperature = 1.0);

// Mean cross-entropy of logits / T against labels: nn.CrossEntropyLoss()(logits / T, labels).
double mean_nll(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double temperature = 1.0);

// Per-sample cross-entropy of logits / T (reduction='none'), shape (N).
std::vector<double> sample_losses(ConstMatrixRef<double> logits, std::span<const int64_t> labels,
                                  double temperature = 1.0);

// The samples of one half (see the top of this file): rows and labels at even (fit) or odd
// (held-out) indices, in order. Shapes (ceil(N/2), C) or (floor(N/2), C).
enum class Half { Fit, HeldOut };
struct LabelledLogits {
  RowMatrix<double> logits;
  std::vector<int64_t> labels;
};
LabelledLogits half_of(ConstMatrixRef<double> logits, std::span<const int64_t> labels, Half half);

struct TemperatureFit {
  double temperature = 1;                        // argmin of the fit half's NLL over [kMinTemperature, kMaxTemperature]
  double fit_nll_before = 0, fit_nll_after = 0;  // the fit half's NLL at T = 1 and at the fitted T
  Calibration held_out_before, held_out_after;   // the held-out half at T = 1 and at the fitted T
};

// Fits T on the fit half and measures the held-out half before and after. The NLL of logits * b is
// convex in b = 1/T, so its derivative (from the cross-entropy's gradient: sum over rows and classes
// of dL/d(scaled logits) * logits) rises with b; T is found by bisecting that derivative's sign in
// log b to double precision, and is an end of the range when the minimum lies beyond it. Needs at
// least 2 samples (one per half).
TemperatureFit fit_temperature(ConstMatrixRef<double> logits, std::span<const int64_t> labels);

// Predicted class per row (N): the first index of the row's largest value.
std::vector<int64_t> predicted_classes(ConstMatrixRef<double> logits);

// Confusion matrix (C, C): entry [label][prediction] counts the samples; row = label.
Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> confusion_matrix(
    ConstMatrixRef<double> logits, std::span<const int64_t> labels);

// The given sample indices sorted by loss, highest first; equal losses by lower index first.
// Throws LossError for an index outside [0, losses.size()) or a loss that is NaN.
std::vector<int64_t> sorted_by_loss(std::span<const double> losses, std::vector<int64_t> indices);

// The n samples of highest loss (all of them when n exceeds N), as sorted_by_loss.
std::vector<int64_t> hardest(std::span<const double> losses, int64_t n);

}  // namespace celab::nn
