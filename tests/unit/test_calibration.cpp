// Reliability bins, ECE, MCE, NLL under temperature, the fitted temperature, the confusion matrix
// and the hardest samples: by hand, and against PyTorch 1.13 (tests/golden/calibration_reference.json,
// from tests/golden/make_calibration_reference.py).
#include "nn/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/loss_options.h"

namespace celab::nn {
namespace {

struct Reference {
  nlohmann::json json;
  RowMatrix<double> logits;
  std::vector<int64_t> labels;
};

const Reference& reference() {
  static const Reference ref = [] {
    std::ifstream in(std::string(CELAB_SOURCE_DIR) + "/tests/golden/calibration_reference.json");
    if (!in) throw std::runtime_error("tests/golden/calibration_reference.json is missing");
    Reference r;
    r.json = nlohmann::json::parse(in);
    r.labels = r.json["labels"].get<std::vector<int64_t>>();
    const auto flat = r.json["logits"].get<std::vector<double>>();
    const Eigen::Index n = static_cast<Eigen::Index>(r.labels.size()), c = r.json["classes"].get<Eigen::Index>();
    r.logits = Eigen::Map<const RowMatrix<double>>(flat.data(), n, c);
    return r;
  }();
  return ref;
}

void expect_close(double got, double want, double tol, const std::string& what) {
  EXPECT_NEAR(got, want, tol * std::max(1.0, std::abs(want))) << what;
}

void expect_matches(const Calibration& got, const nlohmann::json& want, double tol, const std::string& what) {
  expect_close(got.ece, want["ece"], tol, what + " ece");
  expect_close(got.mce, want["mce"], tol, what + " mce");
  expect_close(got.accuracy, want["accuracy"], tol, what + " accuracy");
  expect_close(got.nll, want["nll"], tol, what + " nll");
  ASSERT_EQ(want["bins"].size(), static_cast<size_t>(kReliabilityBins));
  for (int b = 0; b < kReliabilityBins; ++b) {
    const auto& w = want["bins"][static_cast<size_t>(b)];
    const std::string at = what + " bin " + std::to_string(b);
    EXPECT_EQ(got.bins[b].count, w["count"].get<int64_t>()) << at;
    expect_close(got.bins[b].lo, w["lo"], 1e-15, at + " lo");
    expect_close(got.bins[b].hi, w["hi"], 1e-15, at + " hi");
    expect_close(got.bins[b].accuracy, w["accuracy"], tol, at + " accuracy");
    expect_close(got.bins[b].confidence, w["confidence"], tol, at + " confidence");
  }
}

TEST(CalibrationGolden, NllUnderTemperatureMatchesPyTorch) {
  const Reference& ref = reference();
  for (const auto& c : ref.json["nll"])
    expect_close(mean_nll(ref.logits, ref.labels, c["temperature"]), c["nll"], 1e-12, "T = " + c["temperature"].dump());
}

TEST(CalibrationGolden, BinsEceMceMatchPyTorch) {
  const Reference& ref = reference();
  for (const auto& c : ref.json["reliability"])
    expect_matches(calibration(ref.logits, ref.labels, c["temperature"]), c, 1e-12, "T = " + c["temperature"].dump());
}

TEST(CalibrationGolden, SampleLossesHardestAndConfusionMatchPyTorch) {
  const Reference& ref = reference();
  const std::vector<double> losses = sample_losses(ref.logits, ref.labels);
  const auto want = ref.json["sample_losses"].get<std::vector<double>>();
  ASSERT_EQ(losses.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) expect_close(losses[i], want[i], 1e-12, "loss " + std::to_string(i));
  // The reference's set repeats its worst row at indices 500 and 900 (from 1002): the tie rule.
  EXPECT_EQ(hardest(losses, 25), ref.json["hardest_25"].get<std::vector<int64_t>>());
  const auto confusion = confusion_matrix(ref.logits, ref.labels);
  const auto want_confusion = ref.json["confusion"];
  for (Eigen::Index y = 0; y < confusion.rows(); ++y)
    for (Eigen::Index p = 0; p < confusion.cols(); ++p)
      EXPECT_EQ(confusion(y, p), want_confusion[static_cast<size_t>(y)][static_cast<size_t>(p)].get<int64_t>())
          << "label " << y << ", predicted " << p;
}

TEST(CalibrationGolden, FittedTemperatureMatchesPyTorchLbfgs) {
  const Reference& ref = reference();
  const auto& want = ref.json["fit"];
  const TemperatureFit fit = fit_temperature(ref.logits, ref.labels);
  expect_close(fit.temperature, want["temperature"], 1e-7, "T");
  expect_close(fit.fit_nll_before, want["fit_nll_before"], 1e-12, "fit half NLL at T = 1");
  expect_close(fit.fit_nll_after, want["fit_nll_after"], 1e-12, "fit half NLL at fitted T");
  // Ours is the minimum to double precision: never above LBFGS's.
  EXPECT_LE(fit.fit_nll_after, want["fit_nll_after"].get<double>() + 1e-15);
  expect_matches(fit.held_out_before, want["held_out_before"], 1e-12, "held-out half at T = 1");
  expect_matches(fit.held_out_after, want["held_out_after"], 1e-9, "held-out half at fitted T");
}

TEST(Calibration, BinEdgesAreLowerExclusiveUpperInclusive) {
  EXPECT_EQ(reliability_bin(0.0), 0);
  EXPECT_EQ(reliability_bin(1.0 / 15), 0);
  EXPECT_EQ(reliability_bin(std::nextafter(1.0 / 15, 1.0)), 1);
  EXPECT_EQ(reliability_bin(0.5), 7);
  EXPECT_EQ(reliability_bin(14.0 / 15), 13);
  EXPECT_EQ(reliability_bin(std::nextafter(14.0 / 15, 1.0)), 14);
  EXPECT_EQ(reliability_bin(1.0), 14);
  for (int b = 1; b < kReliabilityBins; ++b) {
    const double edge = static_cast<double>(b) / kReliabilityBins;
    EXPECT_EQ(reliability_bin(edge), b - 1) << edge;
    EXPECT_EQ(reliability_bin(std::nextafter(edge, 2.0)), b) << edge;
  }
}

TEST(Calibration, ByHandFromProbabilities) {
  // Five samples at confidence 0.8, four right: calibrated in that bin. Two at 0.55, both wrong.
  RowMatrix<double> p(7, 2);
  std::vector<int64_t> y(7);
  for (int r = 0; r < 5; ++r) {
    p.row(r) << 0.8, 0.2;
    y[static_cast<size_t>(r)] = r < 4 ? 0 : 1;
  }
  p.row(5) << 0.45, 0.55;
  p.row(6) << 0.55, 0.45;
  y[5] = 0;
  y[6] = 1;
  const Calibration c = reliability(p, y);
  EXPECT_EQ(c.count, 7);
  EXPECT_EQ(c.bins[reliability_bin(0.8)].count, 5);
  EXPECT_DOUBLE_EQ(c.bins[reliability_bin(0.8)].accuracy, 0.8);
  EXPECT_DOUBLE_EQ(c.bins[reliability_bin(0.8)].confidence, 0.8);
  EXPECT_EQ(c.bins[reliability_bin(0.55)].count, 2);
  EXPECT_DOUBLE_EQ(c.bins[reliability_bin(0.55)].accuracy, 0.0);
  EXPECT_NEAR(c.ece, 2.0 / 7 * 0.55, 1e-15);
  EXPECT_NEAR(c.mce, 0.55, 1e-15);
  EXPECT_NEAR(c.accuracy, 4.0 / 7, 1e-15);
  EXPECT_EQ(c.nll, 0.0);  // not computed from probabilities
}

TEST(Calibration, TemperatureNeverChangesThePrediction) {
  const Reference& ref = reference();
  const double accuracy = calibration(ref.logits, ref.labels).accuracy;
  for (double t : {0.05, 0.3, 3.0, 20.0}) {
    EXPECT_EQ(calibration(ref.logits, ref.labels, t).accuracy, accuracy) << t;
    EXPECT_EQ(predicted_classes(ref.logits / t), predicted_classes(ref.logits)) << t;
  }
}

TEST(Calibration, HalvesAreEvenAndOddIndices) {
  RowMatrix<double> logits(5, 2);
  logits << 0, 1, 2, 3, 4, 5, 6, 7, 8, 9;
  const std::vector<int64_t> y{0, 1, 0, 1, 1};
  const LabelledLogits fit = half_of(logits, y, Half::Fit), held = half_of(logits, y, Half::HeldOut);
  ASSERT_EQ(fit.logits.rows(), 3);
  ASSERT_EQ(held.logits.rows(), 2);
  EXPECT_EQ(fit.logits(2, 1), 9);
  EXPECT_EQ(held.logits(1, 0), 6);
  EXPECT_EQ(fit.labels, (std::vector<int64_t>{0, 0, 1}));
  EXPECT_EQ(held.labels, (std::vector<int64_t>{1, 1}));
}

TEST(Calibration, FittedTemperatureStopsAtTheEndsOfItsRange) {
  // All right and separable: the NLL keeps falling as T -> 0. All wrong: it falls as T -> infinity.
  RowMatrix<double> logits(4, 2);
  logits << 2, -1, -1, 3, 1, 0, 0, 1;
  EXPECT_DOUBLE_EQ(fit_temperature(logits, std::vector<int64_t>{0, 1, 0, 1}).temperature, kMinTemperature);
  EXPECT_DOUBLE_EQ(fit_temperature(logits, std::vector<int64_t>{1, 0, 1, 0}).temperature, kMaxTemperature);
}

TEST(Calibration, FittedTemperatureIsTheMinimumOfTheFitHalf) {
  const Reference& ref = reference();
  const TemperatureFit fit = fit_temperature(ref.logits, ref.labels);
  const LabelledLogits half = half_of(ref.logits, ref.labels, Half::Fit);
  for (double step : {0.999, 1.001})
    EXPECT_GT(mean_nll(half.logits, half.labels, fit.temperature * step), fit.fit_nll_after) << step;
  EXPECT_LT(fit.held_out_after.nll, fit.held_out_before.nll);
}

TEST(Calibration, SortedByLossHighestFirstTiesByIndex) {
  const std::vector<double> losses{0.5, 2.0, 0.5, 3.0, 2.0};
  EXPECT_EQ(hardest(losses, 5), (std::vector<int64_t>{3, 1, 4, 0, 2}));
  EXPECT_EQ(hardest(losses, 2), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(hardest(losses, 99).size(), 5u);
  EXPECT_TRUE(hardest(losses, 0).empty());
  EXPECT_EQ(sorted_by_loss(losses, {4, 2, 0, 1}), (std::vector<int64_t>{1, 4, 0, 2}));
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const LossError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Calibration, BadInputNamesTheValue) {
  RowMatrix<double> logits(2, 3);
  logits << 1, 2, 3, 4, 5, 6;
  EXPECT_EQ(error_of([&] {
              calibration(logits, std::vector<int64_t>{0, 3});
            }),
            "label 3 at position 1 is out of range [0, 3)");
  EXPECT_EQ(error_of([&] { calibration(logits, std::vector<int64_t>{0}); }), "1 label for 2 rows");
  EXPECT_EQ(error_of([&] {
              calibration(logits, std::vector<int64_t>{0, 1}, 0.0);
            }),
            "temperature 0 is not a positive finite number");
  EXPECT_EQ(error_of([&] {
              mean_nll(logits, std::vector<int64_t>{0, 1}, std::nan(""));
            }),
            "temperature nan is not a positive finite number");
  logits(1, 2) = std::numeric_limits<double>::infinity();
  EXPECT_EQ(error_of([&] {
              calibration(logits, std::vector<int64_t>{0, 1});
            }),
            "logit inf at row 1, class 2 is not finite");
  EXPECT_EQ(error_of([&] { fit_temperature(logits.topRows(1), std::vector<int64_t>{0}); }),
            "fitting a temperature needs at least 2 samples (one per half), got 1");
  RowMatrix<double> p(1, 2);
  p << 1.5, -0.5;
  EXPECT_EQ(error_of([&] { reliability(p, std::vector<int64_t>{0}); }),
            "probability 1.5 at row 0, class 0 is outside [0, 1]");
  const std::vector<double> losses{1.0, std::nan("")};
  EXPECT_EQ(error_of([&] { hardest(losses, -1); }), "the number of hardest samples -1 is negative");
  EXPECT_EQ(error_of([&] { sorted_by_loss(losses, {2}); }), "sample index 2 at position 0 is out of range [0, 2)");
  EXPECT_EQ(error_of([&] { hardest(losses, 1); }), "the loss of sample 1 is nan");
}

}  // namespace
}  // namespace celab::nn
