// The digit classifier of architecture.h: images in, logits out, gradients back.
//
//   forward(x (N, 784) row-major pixels in [0, 1], mode) -> logits (N, 10)
//   backward(dL/dlogits (N, 10)) -> dL/dx (N, 784), adding dL/dparameters to the gradients
//
// backward follows the last forward, whatever its mode: after an Eval forward batch norm is a
// fixed affine map, which is what the app's saliency map and one-image "Learn this" step need.
// Buffers are sized by the largest batch seen (or reserve()); after that forward and backward do
// not allocate. Copying a model copies weights, statistics, gradients and the last forward pass;
// the copy shares the worker threads (a Workers pool serialises concurrent use).
// Each batch norm followed by a ReLU (and a 2 x 2 max pool) runs as one fused step (norm_relu.h);
// the activations between those layers are then never written.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/layer.h"
#include "nn/norm_relu.h"
#include "nn/parameter.h"
#include "nn/workers.h"

namespace celab::nn {

struct BackwardOptions {
  bool param_grads = true;  // add to the parameters' gradients
  bool input_grad = true;   // compute dL/dx (training does not need it: false saves conv1's share)
};

class Model {
 public:
  // He-initialised from Rng(seed): the same seed gives the same weights everywhere.
  explicit Model(uint64_t seed = 0);
  // A copy is complete, down to the last forward pass (it can back-propagate it on its own
  // buffers). Assigning a model of course keeps the target's parameter storage in place, so an
  // optimizer made from the target's parameters() stays valid.
  Model(const Model& other);
  Model& operator=(const Model& other);
  Model(Model&&) noexcept = default;
  Model& operator=(Model&&) noexcept = default;

  void init(uint64_t seed);       // fresh weights and statistics, zero gradients
  void set_threads(int threads);  // batches are split over this many threads (default 1)
  int threads() const { return workers_->threads(); }
  void reserve(int batch);  // size the buffers now, so the first batch does not allocate

  // The results view the model's buffers: valid until the next forward or backward. Row-major
  // arguments (a RowMatrix, a Map of one, a block of its rows) are read in place; anything else
  // is first copied by Eigen::Ref (an allocation).
  ConstRowMatrixMap forward(const Eigen::Ref<const RowMatrix<float>>& x, Mode mode);
  // With input_grad false the result is empty (0 x 784).
  ConstRowMatrixMap backward(const Eigen::Ref<const RowMatrix<float>>& dlogits, BackwardOptions options = {});

  std::vector<Parameter> parameters();  // in layer order; spans stay valid for the model's life
  std::vector<StateTensor> state();     // parameters and batch-norm running statistics
  std::vector<ConstStateTensor> state() const;
  void zero_grad();
  int64_t parameter_count() const;

  const std::vector<Layer>& layers() const { return layers_; }
  // The shape entering layer i for a batch of n (i = layers().size(): the logits' shape).
  Shape shape_at(size_t i, int n) const;

 private:
  void prepare_views(int n);

  // What forward and backward run: one layer, or layers [first, first + count) fused.
  struct Step {
    size_t first = 0, count = 1;
    std::optional<NormRelu> fused;
  };

  std::vector<Layer> layers_;
  std::vector<Step> steps_;
  std::vector<Shape> sample_shapes_;                // per layer boundary, n = 1
  std::vector<Eigen::VectorXf> acts_, grads_;       // per layer boundary (empty where aliased)
  std::vector<TensorView> act_views_, grad_views_;  // the views of the current batch
  int capacity_ = 0;
  int batch_ = 0;  // of the last forward; 0: none yet
  Mode mode_ = Mode::Eval;
  std::shared_ptr<Workers> workers_;
};

}  // namespace celab::nn
