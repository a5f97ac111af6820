#include "nn/temperature.h"

#include <cmath>
#include <string>

#include "nn/error_text.h"

namespace celab::nn {

template <typename T>
T criterion_at_temperature(Criterion criterion, ConstMatrixRef<T> logits, T temperature,
                           std::span<const int64_t> target, const CrossEntropyOptions<T>& options, MatrixRef<T> scaled,
                           MatrixRef<T> grad_logits, std::span<T> row_loss) {
  if (!(temperature > 0) || !std::isfinite(temperature))
    throw LossError("temperature " + number_text(temperature) + " is not a finite number > 0");
  scaled = logits / temperature;
  const T loss = criterion_rows<T>(criterion, scaled, target, options, grad_logits, row_loss);
  grad_logits /= temperature;
  return loss;
}

template float criterion_at_temperature<float>(Criterion, ConstMatrixRef<float>, float, std::span<const int64_t>,
                                               const CrossEntropyOptions<float>&, MatrixRef<float>, MatrixRef<float>,
                                               std::span<float>);
template double criterion_at_temperature<double>(Criterion, ConstMatrixRef<double>, double, std::span<const int64_t>,
                                                 const CrossEntropyOptions<double>&, MatrixRef<double>,
                                                 MatrixRef<double>, std::span<double>);

}  // namespace celab::nn
