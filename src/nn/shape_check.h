// The building blocks' guards against mismatched matrices and row counts (a programming error, reported as
// LossError so that it never reads out of bounds): "softmax: shapes differ, 3x4 and 3x5".
#pragma once

#include <string>

#include "nn/cross_entropy.h"

namespace celab::nn {

template <typename A, typename B>
void require_same_shape(const char* function, const A& a, const B& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw LossError(std::string(function) + ": shapes differ, " + std::to_string(a.rows()) + "x" +
                    std::to_string(a.cols()) + " and " + std::to_string(b.rows()) + "x" + std::to_string(b.cols()));
}

// One entry per row of `rows_of`: "nll_loss_rows: 4 rows but 3 targets".
template <typename A>
void require_rows(const char* function, const A& rows_of, size_t count, const char* what) {
  if (static_cast<size_t>(rows_of.rows()) != count)
    throw LossError(std::string(function) + ": " + std::to_string(rows_of.rows()) + " rows but " +
                    std::to_string(count) + " " + what);
}

// Per-class weights: none, or one per column.
template <typename A>
void require_class_weights(const char* function, const A& matrix, size_t weight_count) {
  if (weight_count != 0 && static_cast<size_t>(matrix.cols()) != weight_count)
    throw LossError(std::string(function) + ": " + std::to_string(weight_count) + " weights but " +
                    std::to_string(matrix.cols()) + " classes");
}

}  // namespace celab::nn
