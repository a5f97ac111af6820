// Eigen aliases for viewing our float buffers as matrices without copying.
#pragma once

#include <span>

#include <Eigen/Core>

namespace celab::nn {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstColMatrixMap = Eigen::Map<const Eigen::MatrixXf>;
using RowMatrixMap = Eigen::Map<RowMatrix>;
using ConstRowMatrixMap = Eigen::Map<const RowMatrix>;

inline std::span<float> as_span(Eigen::VectorXf& v) { return {v.data(), static_cast<size_t>(v.size())}; }

}  // namespace celab::nn
