// Eigen views shared by the math: a batch of rows, one sample per row, classes along the row.
// Row-major so that one sample's classes are contiguous, as in a PyTorch (N, C) tensor.
#pragma once

#include <span>

// GCC 12 warns "__Y may be used uninitialized" inside its own AVX-512 intrinsics headers when
// Eigen's reductions are built with -march=native (GCC bug 105593, fixed in GCC 13). Silenced for
// those headers only: the state set here covers what <Eigen/Core> includes, and is popped after.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12 && defined(__AVX512F__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif
#include <Eigen/Core>

namespace celab::nn {

template <typename T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// What the building blocks take: a whole matrix, a Map over a tensor's data, or a block of rows.
template <typename T>
using MatrixRef = Eigen::Ref<RowMatrix<T>>;
template <typename T>
using ConstMatrixRef = Eigen::Ref<const RowMatrix<T>>;

// Per-class values (e.g. weights) as a row array, to combine coefficient-wise with a matrix row.
template <typename T>
Eigen::Map<const Eigen::Array<T, 1, Eigen::Dynamic>> as_row_array(std::span<const T> values) {
  return {values.data(), static_cast<Eigen::Index>(values.size())};
}

}  // namespace celab::nn
