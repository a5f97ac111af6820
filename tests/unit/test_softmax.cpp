// softmax / log_softmax and their backward passes, checked against naive formulas and finite
// differences.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "nn/cross_entropy.h"
#include "nn/rng.h"
#include "nn/softmax.h"

namespace celab::nn {
namespace {

RowMatrix<double> random_logits(uint64_t seed, Eigen::Index rows, Eigen::Index cols, double scale = 3.0) {
  Rng rng(seed);
  RowMatrix<double> x(rows, cols);
  for (auto& v : x.reshaped()) v = rng.normal(0.0, scale);
  return x;
}

TEST(Softmax, MatchesTheNaiveFormulaAndRowsSumToOne) {
  const RowMatrix<double> x = random_logits(1, 4, 7);
  RowMatrix<double> p(4, 7), lp(4, 7);
  softmax<double>(x, p);
  log_softmax<double>(x, lp);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    double total = 0;
    for (Eigen::Index c = 0; c < x.cols(); ++c) total += std::exp(x(i, c));
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      EXPECT_NEAR(p(i, c), std::exp(x(i, c)) / total, 1e-15);
      EXPECT_NEAR(lp(i, c), x(i, c) - std::log(total), 1e-13);
    }
    EXPECT_NEAR(p.row(i).sum(), 1.0, 1e-15);
  }
}

TEST(Softmax, HugeLogitsStayFinite) {
  RowMatrix<double> x(1, 3);
  x << 1e4, -1e4, 0.0;
  RowMatrix<double> lp(1, 3), p(1, 3);
  log_softmax<double>(x, lp);
  softmax<double>(x, p);
  EXPECT_EQ(lp(0, 0), 0.0);
  EXPECT_EQ(lp(0, 1), -2e4);
  EXPECT_EQ(lp(0, 2), -1e4);
  EXPECT_EQ(p(0, 0), 1.0);
  EXPECT_EQ(p(0, 1), 0.0);

  RowMatrix<float> xf(1, 2);
  xf << -3e4f, -29999.0f;
  RowMatrix<float> lpf(1, 2);
  log_softmax<float>(xf, lpf);
  EXPECT_NEAR(lpf(0, 1), -std::log1p(std::exp(-1.0)), 1e-6);
}

TEST(Softmax, NanOrPlusInfinityPoisonsOnlyItsRow) {
  RowMatrix<double> x(3, 3);
  x << std::nan(""), 0.0, 1.0,                            //
      std::numeric_limits<double>::infinity(), 0.0, 1.0,  //
      0.0, 0.0, -std::numeric_limits<double>::infinity();
  RowMatrix<double> lp(3, 3);
  log_softmax<double>(x, lp);
  for (Eigen::Index c = 0; c < 3; ++c) {
    EXPECT_TRUE(std::isnan(lp(0, c)));
    EXPECT_TRUE(std::isnan(lp(1, c)));
  }
  EXPECT_DOUBLE_EQ(lp(2, 0), -std::log(2.0));
  EXPECT_EQ(lp(2, 2), -std::numeric_limits<double>::infinity());
}

// d/dx of sum(upstream .* f(x)), by central differences.
template <typename F>
RowMatrix<double> numeric_gradient(const RowMatrix<double>& x, const RowMatrix<double>& upstream, F f) {
  RowMatrix<double> grad(x.rows(), x.cols()), out(x.rows(), x.cols());
  const double h = 1e-6;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    RowMatrix<double> xp = x, xm = x;
    xp.reshaped<Eigen::RowMajor>()(k) += h;
    xm.reshaped<Eigen::RowMajor>()(k) -= h;
    f(xp, out);
    const double plus = (upstream.array() * out.array()).sum();
    f(xm, out);
    const double minus = (upstream.array() * out.array()).sum();
    grad.reshaped<Eigen::RowMajor>()(k) = (plus - minus) / (2 * h);
  }
  return grad;
}

TEST(Softmax, BackwardPassesMatchFiniteDifferences) {
  const RowMatrix<double> x = random_logits(2, 3, 5, 1.0);
  const RowMatrix<double> upstream = random_logits(3, 3, 5, 1.0);
  RowMatrix<double> p(3, 5), lp(3, 5), grad(3, 5);

  softmax<double>(x, p);
  softmax_backward<double>(upstream, p, grad);
  const auto softmax_fn = [](const RowMatrix<double>& in, RowMatrix<double>& out) { softmax<double>(in, out); };
  EXPECT_LT((grad - numeric_gradient(x, upstream, softmax_fn)).cwiseAbs().maxCoeff(), 1e-8);

  log_softmax<double>(x, lp);
  log_softmax_backward<double>(upstream, lp, grad);
  const auto log_softmax_fn = [](const RowMatrix<double>& in, RowMatrix<double>& out) { log_softmax<double>(in, out); };
  EXPECT_LT((grad - numeric_gradient(x, upstream, log_softmax_fn)).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(Softmax, BackwardMayWriteInPlace) {
  const RowMatrix<double> x = random_logits(4, 2, 6);
  const RowMatrix<double> upstream = random_logits(5, 2, 6);
  RowMatrix<double> lp(2, 6), p(2, 6), expected(2, 6);
  log_softmax<double>(x, lp);
  log_softmax_backward<double>(upstream, lp, expected);
  RowMatrix<double> in_place = upstream;
  log_softmax_backward<double>(in_place, lp, in_place);
  EXPECT_EQ(in_place, expected);

  softmax<double>(x, p);
  softmax_backward<double>(upstream, p, expected);
  in_place = upstream;
  softmax_backward<double>(in_place, p, in_place);
  EXPECT_EQ(in_place, expected);
}

TEST(Softmax, FloatAgreesWithDouble) {
  const RowMatrix<double> x = random_logits(6, 5, 10);
  const RowMatrix<float> xf = x.cast<float>();
  RowMatrix<double> lp(5, 10);
  RowMatrix<float> lpf(5, 10);
  log_softmax<double>(x, lp);
  log_softmax<float>(xf, lpf);
  EXPECT_LT((lpf.cast<double>() - lp).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(Softmax, MismatchedShapesAreRejected) {
  const RowMatrix<double> x = random_logits(7, 3, 4);
  RowMatrix<double> out(3, 5);
  try {
    log_softmax<double>(x, out);
    FAIL() << "no error";
  } catch (const LossError& e) {
    EXPECT_STREQ(e.what(), "log_softmax: shapes differ, 3x4 and 3x5");
  }
}

}  // namespace
}  // namespace celab::nn
