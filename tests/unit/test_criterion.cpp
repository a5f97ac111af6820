// The training criteria (src/nn/criterion.h) against PyTorch 1.13 autograd in float64:
// tests/golden/criterion_reference.json, written by tests/golden/make_criterion_reference.py.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "nn/criterion.h"
#include "nn/cross_entropy.h"

namespace celab::nn {
namespace {

using nlohmann::json;

const json& reference() {
  static const json j = [] {
    std::ifstream in(std::string(CELAB_SOURCE_DIR) + "/tests/golden/criterion_reference.json");
    EXPECT_TRUE(in) << "tests/golden/criterion_reference.json is missing";
    return json::parse(in);
  }();
  return j;
}

RowMatrix<double> matrix_of(const json& rows) {
  RowMatrix<double> m(rows.size(), rows[0].size());
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t c = 0; c < rows[i].size(); ++c) m(i, c) = rows[i][c].get<double>();
  return m;
}

CrossEntropyOptions<double> options_of(const json& o) {
  CrossEntropyOptions<double> options;
  if (!o["weight"].is_null()) options.weight = o["weight"].get<std::vector<double>>();
  options.ignore_index = o["ignore_index"].get<int64_t>();
  options.reduction = parse_reduction(o["reduction"].get<std::string>());
  options.label_smoothing = o["label_smoothing"].get<double>();
  return options;
}

TEST(Criterion, NamesRoundTripAndBadNamesAreNamed) {
  for (Criterion c : kCriteria) EXPECT_EQ(parse_criterion(criterion_name(c)), c);
  try {
    parse_criterion("mse");
    FAIL() << "no error";
  } catch (const LossError& e) {
    EXPECT_NE(std::string(e.what()).find("'mse'"), std::string::npos) << e.what();
  }
}

TEST(Criterion, MatchesPyTorchAutogradInDouble) {
  const json& cases = reference()["cases"];
  ASSERT_GE(cases.size(), 70u);
  for (const json& k : cases) {
    SCOPED_TRACE(k["name"].get<std::string>());
    const RowMatrix<double> x = matrix_of(k["logits"]);
    const std::vector<int64_t> y = k["target"].get<std::vector<int64_t>>();
    const CrossEntropyOptions<double> options = options_of(k["options"]);
    RowMatrix<double> grad(x.rows(), x.cols());
    std::vector<double> rows(static_cast<size_t>(x.rows()));
    const double loss =
        criterion_rows<double>(parse_criterion(k["criterion"].get<std::string>()), x, y, options, grad, rows);
    if (options.reduction == Reduction::None) {
      double sum = 0;
      for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_NEAR(rows[i], k["loss"][i].get<double>(), 1e-12 + 1e-10 * std::abs(rows[i])) << "row " << i;
        sum += rows[i];
      }
      EXPECT_NEAR(loss, sum, 1e-12);
    } else {
      const double expected = k["loss"].get<double>();
      EXPECT_NEAR(loss, expected, 1e-12 + 1e-10 * std::abs(expected));
    }
    const RowMatrix<double> expected_grad = matrix_of(k["grad"]);
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      for (Eigen::Index c = 0; c < x.cols(); ++c)
        EXPECT_NEAR(grad(i, c), expected_grad(i, c), 1e-12 + 1e-9 * std::abs(expected_grad(i, c)))
            << "grad[" << i << "," << c << "]";
  }
}

TEST(Criterion, CrossEntropyIsCrossEntropyRowsBitForBitInFloat) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.f, 3.f);
  RowMatrix<float> x(16, 10);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
  std::vector<int64_t> y(16);
  for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<int64_t>((i * 7) % 10);
  RowMatrix<float> g1(16, 10), g2(16, 10);
  const CrossEntropyOptions<float> options;
  const float a = criterion_rows<float>(Criterion::CrossEntropy, x, y, options, g1);
  const float b = cross_entropy_rows<float>(x, y, options, g2);
  EXPECT_EQ(a, b);
  EXPECT_TRUE(g1 == g2);
}

// Softmax before the loss can never fall below log(e + C - 1) - 1: the loss of a one-hot p.
TEST(Criterion, SoftmaxFirstNeverFallsBelowItsFloor) {
  for (int classes : {3, 10}) {
    const double floor = reference()["softmax_first_floor"][std::to_string(classes)].get<double>();
    EXPECT_NEAR(floor, std::log(std::exp(1.0) + classes - 1) - 1, 1e-15);
    RowMatrix<double> x = RowMatrix<double>::Zero(1, classes);
    x(0, 1) = 60;  // as sure as a double can be
    RowMatrix<double> grad(1, classes);
    const std::vector<int64_t> y = {1};
    const double loss = criterion_rows<double>(Criterion::SoftmaxFirst, x, y, {}, grad);
    EXPECT_NEAR(loss, floor, 1e-12) << classes << " classes";
  }
}

TEST(Criterion, SquaredErrorRejectsClassWeightsAndBadTargetsByName) {
  RowMatrix<float> x = RowMatrix<float>::Zero(2, 3), grad(2, 3);
  CrossEntropyOptions<float> weighted;
  weighted.weight = {1, 2, 3};
  const std::vector<int64_t> y = {0, 2}, bad = {0, 3};
  EXPECT_THROW(criterion_rows<float>(Criterion::SquaredError, x, y, weighted, grad), LossError);
  try {
    criterion_rows<float>(Criterion::SquaredError, x, bad, {}, grad);
    FAIL() << "no error";
  } catch (const LossError& e) {
    EXPECT_NE(std::string(e.what()).find("target 3 at position 1"), std::string::npos) << e.what();
  }
}

TEST(Criterion, SquaredErrorOfAllIgnoredMeanIsNaN) {
  RowMatrix<double> x = RowMatrix<double>::Zero(2, 3), grad(2, 3);
  const std::vector<int64_t> y = {-100, -100};
  EXPECT_TRUE(std::isnan(criterion_rows<double>(Criterion::SquaredError, x, y, {}, grad)));
  EXPECT_TRUE((grad.array() == 0).all());
}

}  // namespace
}  // namespace celab::nn
