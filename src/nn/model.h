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
// The batch is cut into chunks (workers.h), and the chunk passes of consecutive layers run in one
// pool run, a chunk through all of them, until a pass needs the whole batch before the next can
// start (a batch norm's statistics): forward conv -> batch-norm sums | normalise, ReLU, pool ->
// next conv -> its batch-norm sums | ..., backward the same way down. A training step then waits
// for its threads 11 times instead of 25, and a chunk's activations go from one layer to the
// next in its core's cache.
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
  Workers& workers() { return *workers_; }  // for work beside the model's, such as assembling its batches
  void reserve(int batch);                  // size the buffers now, so the first batch does not allocate
  // The 3 x 3 convolutions by Winograd where it applies, even where it does not pay (Conv2d::set_winograd).
  void set_winograd(bool wanted);

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

  // A chunk pass of a step, and the pool run they are gathered into (see the top of this file).
  enum class PassKind : uint8_t {
    ConvForward,   // a Conv2d step
    NormStats,     // a NormRelu step's batch-norm statistics (Train); ends the run
    NormForward,   // a NormRelu step's normalise, ReLU (and pool)
    ConvBackward,  // a Conv2d step's weight gradient (and input gradient)
    NormSums,      // a NormRelu step's batch-norm sums of g and g * z; ends the run
    NormBackward,  // a NormRelu step's dz
    Whole,         // any other step: its layer's own forward or backward, never queued
  };
  struct Pass {
    PassKind kind;
    size_t step;
    Mode mode;
    bool param_grads = false, dx = false;  // backward: add parameter gradients, write the input gradient
  };
  // Prepares the pass (its serial part before the run) and adds it to the run; runs the run when
  // the pass ends one.
  void queue(const Pass& pass);
  void flush_run();  // runs the gathered passes chunk by chunk, then their serial ends
  void run_chunk(const Pass& pass, int chunk, SampleRange r, int worker);
  ForwardArgs forward_args(const Pass& pass) const;
  BackwardArgs backward_args(const Pass& pass) const;

  std::vector<Layer> layers_;
  std::vector<Step> steps_;
  std::vector<Shape> sample_shapes_;                // per layer boundary, n = 1
  std::vector<Eigen::VectorXf> acts_, grads_;       // per layer boundary (empty where aliased)
  std::vector<TensorView> act_views_, grad_views_;  // the views of the current batch
  std::vector<Pass> run_;                           // the passes of the pool run being gathered
  int capacity_ = 0;
  int batch_ = 0;  // of the last forward; 0: none yet
  Mode mode_ = Mode::Eval;
  std::shared_ptr<Workers> workers_;
};

}  // namespace celab::nn
