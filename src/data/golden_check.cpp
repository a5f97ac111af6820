#include "data/golden_check.h"

#include <cmath>
#include <optional>

#include "nn/error_text.h"

namespace celab::data {
namespace {

template <typename T>
std::vector<T> cast(const std::vector<double>& values) {
  return {values.begin(), values.end()};
}

template <typename T>
nn::LossAndGrad<T> compute(const GoldenCase& golden) {
  const nn::Tensor<T> input{golden.input_shape, cast<T>(golden.input)};
  const nn::CrossEntropyOptions<T> options(golden.options);
  if (golden.target_kind == TargetKind::Index)
    return nn::cross_entropy(input, nn::Tensor<int64_t>{golden.target_shape, golden.target_index}, options);
  return nn::cross_entropy(input, nn::Tensor<T>{golden.target_shape, cast<T>(golden.target_probs)}, options);
}

// |got - want| relative to max(|want|, 1); 0 when both are the same NaN or infinity, and
// infinite when only one of them is not finite.
double error_of(double got, double want) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got) ? 0.0 : INFINITY;
  if (std::isinf(want) || std::isinf(got)) return got == want ? 0.0 : INFINITY;
  return std::fabs(got - want) / std::fmax(std::fabs(want), 1.0);
}

// The worst element of `got` against `want` (same sizes: the reader and the shapes ensure it).
struct Comparison {
  double worst = 0;
  size_t at = 0;
};

template <typename T>
Comparison compare(const std::vector<T>& got, const std::vector<double>& want) {
  Comparison c;
  for (size_t i = 0; i < want.size(); ++i) {
    const double e = error_of(static_cast<double>(got[i]), want[i]);
    if (e > c.worst) c = {e, i};
  }
  return c;
}

template <typename T>
std::string describe(const char* field, const std::vector<T>& got, const std::vector<double>& want, const Comparison& c,
                     double tolerance) {
  const double g = static_cast<double>(got[c.at]);
  const double w = want[c.at];
  std::string text =
      std::string(field) + "[" + std::to_string(c.at) + "]: got " + nn::number_text(g) + " want " + nn::number_text(w);
  if (std::isfinite(g) && std::isfinite(w))
    text += " (difference " + nn::number_text(std::fabs(g - w)) + ", tolerance " +
            nn::number_text(tolerance * std::fmax(std::fabs(w), 1.0)) + ")";
  return text;
}

}  // namespace

template <typename T>
CaseResult check_golden_case(const GoldenCase& golden, double tolerance) {
  CaseResult result;
  std::optional<nn::LossAndGrad<T>> computed;
  try {
    computed = compute<T>(golden);
  } catch (const nn::LossError& e) {
    result.passed = golden.expect_error;
    if (!golden.expect_error) result.detail = std::string("unexpected error: ") + e.what();
    return result;
  }
  if (golden.expect_error) {
    result.detail = "expected an error (PyTorch: " + golden.error_hint + ") but got a loss";
    if (computed->loss.data.size() == 1) result.detail += " of " + nn::number_text(computed->loss.data[0]);
    return result;
  }
  const auto& loss = computed->loss;
  if (loss.shape != golden.output_shape) {
    result.detail = "output shape " + nn::shape_text(loss.shape) + ", want " + nn::shape_text(golden.output_shape);
    return result;
  }
  const Comparison output = compare(loss.data, golden.output);
  const Comparison grad = compare(computed->grad_input.data, golden.grad_input);
  result.worst_error = std::fmax(output.worst, grad.worst);
  result.passed = output.worst <= tolerance && grad.worst <= tolerance;
  if (output.worst > tolerance)
    result.detail = describe("output", loss.data, golden.output, output, tolerance);
  else if (grad.worst > tolerance)
    result.detail = describe("grad_input", computed->grad_input.data, golden.grad_input, grad, tolerance);
  return result;
}

template CaseResult check_golden_case<float>(const GoldenCase&, double);
template CaseResult check_golden_case<double>(const GoldenCase&, double);

}  // namespace celab::data
