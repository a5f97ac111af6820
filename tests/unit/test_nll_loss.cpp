// The losses on log-probabilities: NLL, the label smoothing term, soft targets.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/cross_entropy.h"
#include "nn/label_smoothing.h"
#include "nn/nll_loss.h"
#include "nn/soft_target_loss.h"

namespace celab::nn {
namespace {

RowMatrix<double> log_probs_3x3() {
  RowMatrix<double> lp(3, 3);
  lp << -0.1, -2.0, -3.0,  //
      -1.0, -0.5, -2.5,    //
      -4.0, -1.5, -0.3;
  return lp;
}

TEST(NllLoss, PicksTheWeightedTargetLogProbabilityAndSkipsIgnoredRows) {
  const std::vector<int64_t> index{2, -100, 1};
  const std::vector<double> weight{0.5, 2.0, 4.0};
  const ClassTargets<double> targets{index, weight, -100};
  std::vector<double> rows(3);
  nll_loss_rows<double>(log_probs_3x3(), targets, rows);
  EXPECT_EQ(rows, (std::vector<double>{4.0 * 3.0, 0.0, 2.0 * 1.5}));
  EXPECT_EQ(nll_total_weight(targets), 6.0);

  RowMatrix<double> grad(3, 3);
  grad.setConstant(7.0);
  nll_loss_backward<double>(targets, 0.25, grad);
  RowMatrix<double> expected(3, 3);
  expected << 0, 0, -1.0,  //
      0, 0, 0,             //
      0, -0.5, 0;
  EXPECT_EQ(grad, expected);
}

TEST(NllLoss, AllIgnoredHasZeroTotalWeight) {
  const std::vector<int64_t> index{3, 3};
  EXPECT_EQ(nll_total_weight(ClassTargets<float>{index, {}, 3}), 0.0);
}

std::string target_error(const std::vector<int64_t>& index, const std::vector<double>& weight, int64_t classes) {
  try {
    check_class_targets(ClassTargets<double>{index, weight, -100}, classes);
  } catch (const LossError& e) {
    return e.what();
  }
  return "no error";
}

TEST(NllLoss, TargetsOutsideTheClassesNameValueAndPosition) {
  EXPECT_EQ(target_error({0, 3}, {}, 3), "target 3 at position 1 is out of range [0, 3) (PyTorch: IndexError: Target 3 is out of bounds.)");
  EXPECT_EQ(target_error({-2, 0}, {}, 3),
            "target -2 at position 0 is out of range [0, 3) and is not ignore_index -100 "
            "(PyTorch: IndexError: Target -2 is out of bounds.)");
  EXPECT_EQ(target_error({0, -100, 2}, {}, 3), "no error");
  EXPECT_EQ(target_error({0}, {1.0, 1.0}, 3), "weight has 2 values but the input has 3 classes");
}

TEST(LabelSmoothing, TermIsMinusTheWeightedSumOfLogProbabilities) {
  const std::vector<int64_t> index{0, 1, -100};
  const std::vector<double> weight{1.0, 2.0, 3.0};
  std::vector<double> rows(3);
  smoothing_loss_rows<double>(log_probs_3x3(), {index, weight, -100}, rows);
  EXPECT_DOUBLE_EQ(rows[0], 0.1 + 4.0 + 9.0);
  EXPECT_DOUBLE_EQ(rows[1], 1.0 + 1.0 + 7.5);
  EXPECT_EQ(rows[2], 0.0);
  smoothing_loss_rows<double>(log_probs_3x3(), {index, {}, -100}, rows);
  EXPECT_DOUBLE_EQ(rows[0], 5.1);

  RowMatrix<double> grad = RowMatrix<double>::Zero(3, 3);
  smoothing_loss_backward<double>({index, weight, -100}, 0.5, grad);
  RowMatrix<double> expected(3, 3);
  expected << -0.5, -1.0, -1.5,  //
      -0.5, -1.0, -1.5,          //
      0, 0, 0;
  EXPECT_EQ(grad, expected);
}

TEST(SoftTargetLoss, IsTheWeightedCrossEntropyWithTheTargetRows) {
  RowMatrix<double> target(3, 3);
  target << 0.5, 0.5, 0.0,  //
      0.0, 1.0, 0.0,        //
      0.2, 0.3, 0.5;
  const std::vector<double> weight{1.0, 2.0, 3.0};
  std::vector<double> rows(3);
  soft_target_loss_rows<double>(log_probs_3x3(), target, weight, rows);
  EXPECT_DOUBLE_EQ(rows[0], 0.5 * 0.1 + 0.5 * 2.0 * 2.0);
  EXPECT_DOUBLE_EQ(rows[1], 2.0 * 0.5);
  EXPECT_DOUBLE_EQ(rows[2], 0.2 * 4.0 + 0.3 * 2.0 * 1.5 + 0.5 * 3.0 * 0.3);

  RowMatrix<double> grad(3, 3);
  soft_target_loss_backward<double>(target, weight, 2.0, grad);
  EXPECT_DOUBLE_EQ(grad(2, 2), -2.0 * 3.0 * 0.5);
  EXPECT_DOUBLE_EQ(grad(0, 1), -2.0 * 2.0 * 0.5);

  RowMatrix<double> smoothed(3, 3);
  smooth_probabilities<double>(target, 0.3, smoothed);
  EXPECT_DOUBLE_EQ(smoothed(1, 1), 0.7 + 0.1);
  EXPECT_DOUBLE_EQ(smoothed(1, 0), 0.1);
  EXPECT_NEAR(smoothed.row(2).sum(), 1.0, 1e-15);
}

TEST(SoftTargetLoss, RejectsWeightsOfTheWrongLength) {
  const RowMatrix<double> lp = log_probs_3x3();
  std::vector<double> rows(3);
  const std::vector<double> weight{1.0, 2.0};
  EXPECT_THROW(soft_target_loss_rows<double>(lp, lp, weight, rows), LossError);
}

}  // namespace
}  // namespace celab::nn
