// Views of the layers' float buffers as Eigen matrices, without copying.
#pragma once

#include <span>

#include "nn/eigen_types.h"

namespace celab::nn {

using ColMatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstColMatrixMap = Eigen::Map<const Eigen::MatrixXf>;
using RowMatrixMap = Eigen::Map<RowMatrix<float>>;
using ConstRowMatrixMap = Eigen::Map<const RowMatrix<float>>;

inline std::span<float> as_span(Eigen::VectorXf& v) { return {v.data(), static_cast<size_t>(v.size())}; }

}  // namespace celab::nn
