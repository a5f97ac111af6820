// The reference article's three computations of nn.CrossEntropyLoss on a batch of rows (N, C),
// with every term between logits and loss, for the faces that explain the loss: `celab loss`, the
// page's loss cards and its batch view all render this one result.
//   1. library:         nn::cross_entropy_rows (what nn.CrossEntropyLoss computes);
//   2. formula:         written out in plain loops below, independent of the library's kernels;
//   3. log_softmax_nll: the building blocks one after the other: log_softmax, then nll_loss (+ the
//                       label-smoothing term) or the soft-target loss.
//
// Per row i, with weight w, label smoothing ε, C classes, lse = log Σ_c exp(x[c]) and
// −log p[c] = −x[c] + lse, PyTorch 1.13 computes
//   index target y:       l_i = (1 − ε)·w[y]·(−log p[y]) + (ε/C)·Σ_c w[c]·(−log p[c]),  0 where y is ignore_index
//   probability target:   l_i = Σ_c w[c]·q[c]·(−log p[c]),  q = (1 − ε)·p_target + ε/C
// and reduces: 'none' [l_i], 'sum' Σ l_i, 'mean' Σ l_i / Σ w[y_i] over rows not ignored (index
// targets) or Σ l_i / N (probability targets). All in double.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/loss_options.h"

namespace celab::nn {

struct LossBreakdown {
  Reduction reduction = Reduction::Mean;
  double label_smoothing = 0;
  bool probability_targets = false;
  RowMatrix<double> probabilities;      // softmax(x), (N, C)
  RowMatrix<double> log_probabilities;  // log_softmax(x), (N, C)
  RowMatrix<double> grad_logits;        // dL/dx of the library's loss (of Σ l_i for 'none'), (N, C)

  // Per row (N):
  std::vector<double> log_sum_exp;  // lse = log Σ_c exp(x[c]), shifted by the row's maximum
  std::vector<char> ignored;        // y == ignore_index (never for probability targets)
  std::vector<double> neg_log_p;  // −x[y] + lse; with probability targets Σ_c w[c]·p[c]·(−log p[c]); 0 where ignored
  std::vector<double> smoothing_term;  // (1/C)·Σ_c w[c]·(−log p[c]); 0 where ignored
  std::vector<double>
      target_weight;             // w[y]: the row's share of the mean's divisor (1 per row with probability targets)
  std::vector<double> row_loss;  // l_i, from the formula

  double sum = 0;           // Σ l_i
  double mean_divisor = 0;  // Σ w[y_i] over rows not ignored (N with probability targets)
  double mean = 0;          // sum / mean_divisor: NaN when every row is ignored, as in PyTorch

  // The three computations, reduced as `reduction` says: one value, or one per row for 'none'.
  std::vector<double> library, formula, log_softmax_nll;
  std::vector<double> library_rows;  // the library's per-row losses (reduction 'none')

  int64_t rows() const { return probabilities.rows(); }
  int64_t classes() const { return probabilities.cols(); }
  // The loss as nn.CrossEntropyLoss returns it for reductions mean and sum (the first row's for none).
  double loss() const { return library.empty() ? 0.0 : library.front(); }
  // Largest difference between the three computations (0 where all three are the same NaN, as
  // 'mean' over nothing).
  double max_disagreement() const;
};

// Throws LossError for what nn.CrossEntropyLoss would reject (a target out of range, a wrong weight
// count, label smoothing outside [0, 1], ...), naming the value and its position.
LossBreakdown loss_breakdown(ConstMatrixRef<double> logits, std::span<const int64_t> target,
                             const CrossEntropyOptions<double>& options);
LossBreakdown loss_breakdown(ConstMatrixRef<double> logits, ConstMatrixRef<double> target_probabilities,
                             const CrossEntropyOptions<double>& options);

}  // namespace celab::nn
