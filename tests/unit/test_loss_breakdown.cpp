// nn::loss_breakdown: its three computations agree with each other and with PyTorch on every (N, C)
// golden case, its per-row terms add up to its reductions, and the article's example is 1.2729.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/paths.h"
#include "data/golden_cases.h"
#include "nn/loss_breakdown.h"

namespace celab::nn {
namespace {

RowMatrix<double> rows_of(const std::vector<double>& values, int64_t n, int64_t c) {
  return Eigen::Map<const RowMatrix<double>>(values.data(), n, c);
}

void expect_close(double got, double want, double tolerance, const std::string& what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what;
  } else if (std::isinf(want)) {
    EXPECT_EQ(got, want) << what;
  } else {
    EXPECT_NEAR(got, want, tolerance * std::max(1.0, std::abs(want))) << what;
  }
}

TEST(LossBreakdown, TheArticlesExample) {
  const RowMatrix<double> x = rows_of({-0.5, -0.2, -0.3}, 1, 3);
  const int64_t y[] = {0};
  const LossBreakdown b = loss_breakdown(x, y, {});
  for (const auto* way : {&b.library, &b.formula, &b.log_softmax_nll}) EXPECT_NEAR(way->at(0), 1.2729, 5e-5);
  EXPECT_NEAR(b.neg_log_p[0], -x(0, 0) + b.log_sum_exp[0], 1e-15);
  EXPECT_NEAR(b.neg_log_p[0], -std::log(b.probabilities(0, 0)), 1e-12);
  EXPECT_EQ(b.mean_divisor, 1.0);
  EXPECT_LT(b.max_disagreement(), 1e-12);
}

// Every golden case PyTorch computed on (N, C) input: the three ways give its output and gradient.
TEST(LossBreakdown, MatchesPyTorchOnEveryTwoDimensionalGoldenCase) {
  const data::GoldenFile file =
      data::read_golden_cases(std::string(CELAB_SOURCE_DIR) + "/tests/golden/cross_entropy_cases.json");
  int checked = 0, with_ignored = 0, weighted_smoothed = 0;
  for (const data::GoldenCase& c : file.cases) {
    if (c.expect_error || c.input_shape.size() != 2) continue;
    const int64_t n = c.input_shape[0], classes = c.input_shape[1];
    if (n == 0 || classes == 0) continue;
    const RowMatrix<double> x = rows_of(c.input, n, classes);
    const LossBreakdown b = c.target_kind == data::TargetKind::Index
                                ? loss_breakdown(x, c.target_index, c.options)
                                : loss_breakdown(x, rows_of(c.target_probs, n, classes), c.options);
    ASSERT_EQ(b.library.size(), c.output.size()) << c.name;
    for (size_t i = 0; i < c.output.size(); ++i)
      for (const auto* way : {&b.library, &b.formula, &b.log_softmax_nll})
        expect_close(way->at(i), c.output[i], 1e-10, c.name + " output " + std::to_string(i));
    for (size_t i = 0; i < c.grad_input.size(); ++i)
      expect_close(b.grad_logits.data()[i], c.grad_input[i], 1e-10, c.name + " grad " + std::to_string(i));

    // The per-row terms make the reductions: mean = Σ w[y_i]·l_i / Σ w[y_i] (l_i already weighted).
    double sum = 0, divisor = 0;
    for (int64_t i = 0; i < n; ++i) {
      const auto r = static_cast<size_t>(i);
      const double eps = c.options.label_smoothing;
      const double nll = (1 - eps) * b.target_weight[r] * b.neg_log_p[r];
      expect_close(b.row_loss[r], eps > 0 ? nll + eps * b.smoothing_term[r] : nll, 1e-12, c.name + " row terms");
      expect_close(b.row_loss[r], b.library_rows[r], 1e-10, c.name + " row " + std::to_string(i));
      sum += b.row_loss[r];
      divisor += b.target_weight[r];
      with_ignored += b.ignored[r];
    }
    expect_close(b.sum, sum, 1e-12, c.name + " sum");
    EXPECT_EQ(b.mean_divisor, divisor) << c.name;
    expect_close(b.mean, sum / divisor, 1e-12, c.name + " mean");
    weighted_smoothed += c.options.weighted() && c.options.label_smoothing > 0;
    ++checked;
  }
  EXPECT_GT(checked, 40);
  EXPECT_GT(with_ignored, 0) << "the cases include ignored targets";
  EXPECT_GT(weighted_smoothed, 0) << "the cases include weights with label smoothing";
}

TEST(LossBreakdown, RejectsWhatPyTorchRejects) {
  const RowMatrix<double> x = rows_of({1, 2, 3}, 1, 3);
  const int64_t y[] = {3};
  try {
    (void)loss_breakdown(x, y, {});
    FAIL() << "no LossError";
  } catch (const LossError& e) {
    EXPECT_STREQ(e.what(), "target 3 at position 0 is out of range [0, 3) (PyTorch: IndexError: Target 3 is out of bounds.)");
  }
}

}  // namespace
}  // namespace celab::nn
