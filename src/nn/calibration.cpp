#include "nn/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "nn/cross_entropy.h"
#include "nn/error_text.h"
#include "nn/loss_options.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

using Eigen::Index;

void check_labels(Index rows, Index classes, std::span<const int64_t> labels) {
  if (classes == 0) throw LossError("the input has no classes (C = 0)");
  if (labels.size() != static_cast<size_t>(rows))
    throw LossError(count_text(labels.size(), "label") + " for " + std::to_string(rows) + " rows");
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= classes)
      throw LossError("label " + std::to_string(labels[i]) + " at position " + std::to_string(i) +
                      " is out of range [0, " + std::to_string(classes) + ")");
}

void check_temperature(double temperature) {
  if (!(temperature > 0.0 && std::isfinite(temperature)))
    throw LossError("temperature " + number_text(temperature) + " is not a positive finite number");
}

void check_finite_logits(ConstMatrixRef<double> logits) {
  for (Index r = 0; r < logits.rows(); ++r)
    for (Index c = 0; c < logits.cols(); ++c)
      if (!std::isfinite(logits(r, c)))
        throw LossError("logit " + number_text(logits(r, c)) + " at row " + std::to_string(r) + ", class " +
                        std::to_string(c) + " is not finite");
}

// The mean cross-entropy of logits * scale, writing its gradient with respect to the scaled logits.
double scaled_nll(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double scale,
                  RowMatrix<double>& scaled, RowMatrix<double>& grad) {
  scaled = logits * scale;
  grad.resize(logits.rows(), logits.cols());
  return cross_entropy_rows<double>(scaled, labels, CrossEntropyOptions<double>{}, grad);
}

}  // namespace

int reliability_bin(double confidence) {
  // First guess from the product, then moved so that the edge comparisons decide: (lo, hi].
  int b = static_cast<int>(std::ceil(confidence * kReliabilityBins)) - 1;
  b = std::clamp(b, 0, kReliabilityBins - 1);
  while (b > 0 && confidence <= static_cast<double>(b) / kReliabilityBins) --b;
  while (b < kReliabilityBins - 1 && confidence > static_cast<double>(b + 1) / kReliabilityBins) ++b;
  return b;
}

Calibration reliability(ConstMatrixRef<double> probabilities, std::span<const int64_t> labels) {
  check_labels(probabilities.rows(), probabilities.cols(), labels);
  Calibration out;
  out.count = probabilities.rows();
  std::array<double, kReliabilityBins> right{}, confidence_sum{};
  int64_t right_total = 0;
  for (Index r = 0; r < probabilities.rows(); ++r) {
    Index predicted = 0;
    for (Index c = 0; c < probabilities.cols(); ++c) {
      const double p = probabilities(r, c);
      if (!(p >= 0.0 && p <= 1.0))
        throw LossError("probability " + number_text(p) + " at row " + std::to_string(r) + ", class " +
                        std::to_string(c) + " is outside [0, 1]");
      if (p > probabilities(r, predicted)) predicted = c;
    }
    const double confidence = probabilities(r, predicted);
    const bool is_right = predicted == labels[static_cast<size_t>(r)];
    const int b = reliability_bin(confidence);
    ++out.bins[b].count;
    right[b] += is_right;
    confidence_sum[b] += confidence;
    right_total += is_right;
  }
  for (int b = 0; b < kReliabilityBins; ++b) {
    ReliabilityBin& bin = out.bins[b];
    bin.lo = static_cast<double>(b) / kReliabilityBins;
    bin.hi = static_cast<double>(b + 1) / kReliabilityBins;
    if (bin.count == 0) continue;
    bin.accuracy = right[b] / static_cast<double>(bin.count);
    bin.confidence = confidence_sum[b] / static_cast<double>(bin.count);
    out.ece += static_cast<double>(bin.count) / static_cast<double>(out.count) * bin.gap();
    out.mce = std::max(out.mce, bin.gap());
  }
  out.accuracy = out.count ? static_cast<double>(right_total) / static_cast<double>(out.count) : 0.0;
  return out;
}

Calibration calibration(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double temperature) {
  check_temperature(temperature);
  check_labels(logits.rows(), logits.cols(), labels);
  check_finite_logits(logits);
  RowMatrix<double> scaled = logits / temperature, probabilities(logits.rows(), logits.cols());
  softmax<double>(scaled, probabilities);
  Calibration out = reliability(probabilities, labels);
  out.nll = mean_nll(logits, labels, temperature);
  return out;
}

double mean_nll(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double temperature) {
  check_temperature(temperature);
  check_labels(logits.rows(), logits.cols(), labels);
  RowMatrix<double> scaled, grad;
  return scaled_nll(logits, labels, 1.0 / temperature, scaled, grad);
}

std::vector<double> sample_losses(ConstMatrixRef<double> logits, std::span<const int64_t> labels, double temperature) {
  check_temperature(temperature);
  check_labels(logits.rows(), logits.cols(), labels);
  const RowMatrix<double> scaled = logits / temperature;
  RowMatrix<double> grad(logits.rows(), logits.cols());
  std::vector<double> losses(static_cast<size_t>(logits.rows()));
  CrossEntropyOptions<double> none;
  none.reduction = Reduction::None;
  cross_entropy_rows<double>(scaled, labels, none, grad, losses);
  return losses;
}

LabelledLogits half_of(ConstMatrixRef<double> logits, std::span<const int64_t> labels, Half half) {
  check_labels(logits.rows(), logits.cols(), labels);
  const Index first = half == Half::Fit ? 0 : 1;
  const Index rows = (logits.rows() - first + 1) / 2;
  LabelledLogits out{RowMatrix<double>(rows, logits.cols()), std::vector<int64_t>(static_cast<size_t>(rows))};
  for (Index r = 0; r < rows; ++r) {
    out.logits.row(r) = logits.row(first + 2 * r);
    out.labels[static_cast<size_t>(r)] = labels[static_cast<size_t>(first + 2 * r)];
  }
  return out;
}

TemperatureFit fit_temperature(ConstMatrixRef<double> logits, std::span<const int64_t> labels) {
  check_labels(logits.rows(), logits.cols(), labels);
  if (logits.rows() < 2)
    throw LossError("fitting a temperature needs at least 2 samples (one per half), got " +
                    std::to_string(logits.rows()));
  check_finite_logits(logits);
  const LabelledLogits fit = half_of(logits, labels, Half::Fit);
  const LabelledLogits held_out = half_of(logits, labels, Half::HeldOut);

  // d/db NLL(logits * b) = sum_rc dNLL/d(scaled)_rc * logits_rc, rising in b (the NLL is convex in b).
  RowMatrix<double> scaled, grad;
  auto slope = [&](double b) {
    scaled_nll(fit.logits, fit.labels, b, scaled, grad);
    return (grad.array() * fit.logits.array()).sum();
  };
  double lo = 1.0 / kMaxTemperature, hi = 1.0 / kMinTemperature, b;
  if (slope(lo) >= 0.0) {
    b = lo;
  } else if (slope(hi) <= 0.0) {
    b = hi;
  } else {
    // Bisect in log b until the bracket cannot shrink: ~60 halvings of the exponent's range.
    for (;;) {
      const double mid = std::sqrt(lo * hi);
      if (!(mid > lo && mid < hi)) break;
      (slope(mid) < 0.0 ? lo : hi) = mid;
    }
    b = 0.5 * (lo + hi);
  }

  TemperatureFit out;
  out.temperature = 1.0 / b;
  out.fit_nll_before = mean_nll(fit.logits, fit.labels, 1.0);
  out.fit_nll_after = mean_nll(fit.logits, fit.labels, out.temperature);
  out.held_out_before = calibration(held_out.logits, held_out.labels, 1.0);
  out.held_out_after = calibration(held_out.logits, held_out.labels, out.temperature);
  return out;
}

std::vector<int64_t> predicted_classes(ConstMatrixRef<double> logits) {
  std::vector<int64_t> predicted(static_cast<size_t>(logits.rows()));
  for (Index r = 0; r < logits.rows(); ++r) {
    Index best = 0;
    for (Index c = 1; c < logits.cols(); ++c)
      if (logits(r, c) > logits(r, best)) best = c;
    predicted[static_cast<size_t>(r)] = best;
  }
  return predicted;
}

Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> confusion_matrix(
    ConstMatrixRef<double> logits, std::span<const int64_t> labels) {
  check_labels(logits.rows(), logits.cols(), labels);
  Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> counts =
      Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>::Zero(logits.cols(), logits.cols());
  const std::vector<int64_t> predicted = predicted_classes(logits);
  for (size_t i = 0; i < labels.size(); ++i) ++counts(labels[i], predicted[i]);
  return counts;
}

std::vector<int64_t> sorted_by_loss(std::span<const double> losses, std::vector<int64_t> indices) {
  for (size_t i = 0; i < indices.size(); ++i)
    if (indices[i] < 0 || indices[i] >= static_cast<int64_t>(losses.size()))
      throw LossError("sample index " + std::to_string(indices[i]) + " at position " + std::to_string(i) +
                      " is out of range [0, " + std::to_string(losses.size()) + ")");
    else if (std::isnan(losses[static_cast<size_t>(indices[i])]))
      throw LossError("the loss of sample " + std::to_string(indices[i]) + " is nan");
  std::stable_sort(indices.begin(), indices.end(), [&](int64_t a, int64_t b) {
    const double la = losses[static_cast<size_t>(a)], lb = losses[static_cast<size_t>(b)];
    return la > lb || (la == lb && a < b);
  });
  return indices;
}

std::vector<int64_t> hardest(std::span<const double> losses, int64_t n) {
  if (n < 0) throw LossError("the number of hardest samples " + std::to_string(n) + " is negative");
  std::vector<int64_t> all(losses.size());
  std::iota(all.begin(), all.end(), int64_t{0});
  all = sorted_by_loss(losses, std::move(all));
  all.resize(std::min<size_t>(all.size(), static_cast<size_t>(n)));
  return all;
}

}  // namespace celab::nn
