// Runs one golden case through celab::nn::cross_entropy and compares with PyTorch's numbers.
#pragma once

#include <string>

#include "data/golden_cases.h"

namespace celab::data {

// Relative tolerances: a value v passes against PyTorch's w when |v - w| <= tol * max(|w|, 1)
// (relative for |w| >= 1, absolute below, where rounding of the terms that cancelled dominates).
// NaN must meet NaN, and an infinity the same infinity.
template <typename T>
constexpr double kGoldenTolerance = 0;
template <>
inline constexpr double kGoldenTolerance<double> = 1e-10;
template <>
inline constexpr double kGoldenTolerance<float> = 1e-5;

struct CaseResult {
  bool passed = false;
  // On failure, what differs and by how much, e.g. "grad_input[7]: got 0.25 want 0.2500001
  // (difference 1e-07, tolerance 2.5e-11)"; or the unexpected error; or the missing error.
  std::string detail;
  double worst_error = 0;  // the largest |v - w| / max(|w|, 1) over output and grad_input
};

// Computes the case in T (float: inputs rounded to float, results compared with the double
// golden values) and checks output shape, output, gradient, or that LossError is thrown.
template <typename T>
CaseResult check_golden_case(const GoldenCase& golden, double tolerance = kGoldenTolerance<T>);

}  // namespace celab::data
