// Eigen views shared by the math: a batch of rows, one sample per row, classes along the row.
// Row-major so that one sample's classes are contiguous, as in a PyTorch (N, C) tensor. The layers
// view their float buffers through the maps at the end.
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

// Views of the layers' float buffers as Eigen matrices, without copying.
using ColMatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstColMatrixMap = Eigen::Map<const Eigen::MatrixXf>;
using RowMatrixMap = Eigen::Map<RowMatrix<float>>;
using ConstRowMatrixMap = Eigen::Map<const RowMatrix<float>>;

inline std::span<float> as_span(Eigen::VectorXf& v) { return {v.data(), static_cast<size_t>(v.size())}; }

}  // namespace celab::nn
