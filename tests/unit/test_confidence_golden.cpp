// The drawing's temperature and squared error against PyTorch 1.13 (tests/golden/
// confidence_reference.json, written by make_confidence_reference.py): the softmax of logits / T,
// cross-entropy and squared error of logits / T, and their gradients with respect to the unscaled
// logits, in double (to 1e-10) and float (to 1e-5, as the page computes them).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nn/softmax.h"
#include "nn/temperature.h"

namespace celab::nn {
namespace {

const nlohmann::json& reference() {
  static const nlohmann::json doc = [] {
    std::ifstream in(CELAB_SOURCE_DIR "/tests/golden/confidence_reference.json");
    return nlohmann::json::parse(in);
  }();
  return doc;
}

template <typename T>
RowMatrix<T> matrix_of(const nlohmann::json& rows) {
  RowMatrix<T> m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) m(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)];
  return m;
}

Reduction reduction_of(const std::string& name) {
  return name == "none" ? Reduction::None : name == "sum" ? Reduction::Sum : Reduction::Mean;
}

template <typename T>
void check_all(double tol) {
  int checked = 0;
  for (const auto& c : reference()["cases"]) {
    const std::string name = c["name"];
    const RowMatrix<T> logits = matrix_of<T>(c["logits"]);
    const auto target = c["target"].get<std::vector<int64_t>>();
    const T temperature = c["temperature"].get<T>();
    CrossEntropyOptions<T> options;
    options.reduction = reduction_of(c["options"]["reduction"]);
    options.label_smoothing = c["options"]["label_smoothing"];
    options.ignore_index = c["options"]["ignore_index"];
    const auto close = [tol](double got, double want) {
      return std::abs(got - want) <= tol * std::max(std::abs(want), 1.0);
    };
    for (const Criterion criterion : {Criterion::CrossEntropy, Criterion::SquaredError}) {
      const auto& want = c[criterion_name(criterion)];
      RowMatrix<T> scaled(logits.rows(), logits.cols()), grad(logits.rows(), logits.cols());
      std::vector<T> rows(static_cast<size_t>(logits.rows()));
      const T loss = criterion_at_temperature<T>(criterion, logits, temperature, target, options, scaled, grad, rows);
      if (want["loss"].is_array()) {
        for (size_t r = 0; r < rows.size(); ++r)
          EXPECT_PRED2(close, rows[r], want["loss"][r].get<double>()) << name << ", " << criterion_name(criterion);
      } else {
        EXPECT_PRED2(close, loss, want["loss"].get<double>()) << name << ", " << criterion_name(criterion);
      }
      const RowMatrix<double> want_grad = matrix_of<double>(want["grad"]);
      for (Eigen::Index r = 0; r < grad.rows(); ++r)
        for (Eigen::Index k = 0; k < grad.cols(); ++k)
          EXPECT_PRED2(close, grad(r, k), want_grad(r, k))
              << name << ", " << criterion_name(criterion) << " grad[" << r << "][" << k << "]";
      if (criterion == Criterion::CrossEntropy) {
        RowMatrix<T> probabilities(logits.rows(), logits.cols());
        softmax<T>(scaled, probabilities);
        const RowMatrix<double> want_p = matrix_of<double>(c["softmax"]);
        for (Eigen::Index r = 0; r < grad.rows(); ++r)
          for (Eigen::Index k = 0; k < grad.cols(); ++k)
            EXPECT_PRED2(close, probabilities(r, k), want_p(r, k)) << name << " softmax[" << r << "][" << k << "]";
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 60);
}

TEST(ConfidenceGolden, TemperatureAndSquaredErrorInDouble) { check_all<double>(1e-10); }
TEST(ConfidenceGolden, TemperatureAndSquaredErrorInFloat) { check_all<float>(1e-5); }

TEST(ConfidenceGolden, SureAndWrongCrossEntropyPushesSquaredErrorDoesNot) {
  for (const auto& c : reference()["cases"]) {
    if (c["name"] != "sure and wrong (target 7), T=1.0") continue;
    EXPECT_LT(c["softmax"][0][7].get<double>(), 1e-8);
    EXPECT_NEAR(c["cross_entropy"]["grad"][0][7].get<double>(), -1.0, 1e-8);
    EXPECT_LT(std::abs(c["squared_error"]["grad"][0][7].get<double>()), 1e-8);
    return;
  }
  FAIL() << "the sure-and-wrong case is missing";
}

TEST(ConfidenceGolden, TemperatureMustBeAPositiveNumber) {
  const RowMatrix<double> logits = RowMatrix<double>::Zero(1, 3);
  RowMatrix<double> scaled(1, 3), grad(1, 3);
  const int64_t target[] = {0};
  for (const double t : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
    try {
      criterion_at_temperature<double>(Criterion::CrossEntropy, logits, t, target, {}, scaled, grad);
      ADD_FAILURE() << "temperature " << t << " accepted";
    } catch (const LossError& e) {
      EXPECT_NE(std::string(e.what()).find("temperature"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace celab::nn
