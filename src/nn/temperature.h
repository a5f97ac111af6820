// Temperature scaling (Guo et al. 2017): the logits divided by T > 0 before the softmax. T > 1
// flattens the probabilities, T < 1 sharpens them, T = 1 is PyTorch's plain softmax; the class (the
// argmax) is the same at every T. As PyTorch computes F.cross_entropy(logits / T, y):
//   z = logits / T,   L = criterion(z, y),   dL/dlogits = (dL/dz) / T   (autograd through the division)
// Checked against PyTorch 1.13 in tests/golden/confidence_reference.json.
#pragma once

#include <cstdint>
#include <span>

#include "nn/criterion.h"
#include "nn/eigen_types.h"
#include "nn/loss_options.h"

namespace celab::nn {

// Writes scaled = logits / temperature (N, C), then returns criterion_rows(criterion, scaled, ...)
// with grad_logits (N, C) the gradient with respect to the unscaled logits and row_loss as there.
// Throws LossError for a temperature that is not a finite number > 0, and as criterion_rows does.
// Call as criterion_at_temperature<float>(...) or <double>.
template <typename T>
T criterion_at_temperature(Criterion criterion, ConstMatrixRef<T> logits, T temperature,
                           std::span<const int64_t> target, const CrossEntropyOptions<T>& options, MatrixRef<T> scaled,
                           MatrixRef<T> grad_logits, std::span<T> row_loss = {});

}  // namespace celab::nn
