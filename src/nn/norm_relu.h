// Batch norm -> ReLU (-> 2 x 2 max pool), the tail of each of the network's conv blocks, run as
// one step by the model: the same results as the layers one after another (within rounding), in
// far fewer passes over the batch, whose activations do not fit in L2 cache.
//
//   forward:  out = relu(scale * z + shift)                 (the batch norm's map, batch_norm.h)
//             pooled: the maximum of each 2 x 2 window of that, and which of the four positions
//             won (the first in row order on ties, as MaxPool2d); nothing else is stored.
//   backward: g = dL/d(batch norm output) = dout where the ReLU passed (pooled: at the winning
//             position, 0 at the other three); the batch norm's sums of g and g * z in one pass,
//             then dz = scale * g + slope * z + shift in another.
// Layers as one-by-one: forward 4 passes over z-sized data and 2 writes (plus the pool's), backward
// 7 reads and 3 writes; fused: 2 reads and 1 write forward (pooled: only a quarter written),
// 2-3 reads and 1 write backward.
#pragma once

#include <cstdint>
#include <vector>

#include "nn/batch_norm.h"
#include "nn/eigen_types.h"
#include "nn/layer.h"
#include "nn/layer_io.h"
#include "nn/workers.h"

namespace celab::nn {

// How many layers from layers[i] on (whose input has shape x) run as one NormRelu: 3 for a batch
// norm, a ReLU and a 2 x 2 max pool of an even plane, 2 for a batch norm and a ReLU, else 0.
int norm_relu_span(const std::vector<Layer>& layers, size_t i, const Shape& x);

class NormRelu {
 public:
  explicit NormRelu(bool pooled) : pooled_(pooled) {}
  bool pooled() const { return pooled_; }

  // z: the batch norm's input; out: the ReLU's output, or the pool's (needs even H and W).
  void forward(BatchNorm& bn, ConstTensorView z, TensorView out, Mode mode, Workers& workers);
  // After forward with the same views; dz.data == nullptr: the batch norm's parameter gradients only.
  void backward(BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout, TensorView dz, Mode mode,
                bool param_grads, Workers& workers);

  // The passes in pieces, for a caller that runs them inside pool runs of its own, next to other
  // layers' chunks (model.h). Forward: the batch norm's statistics (BatchNorm::forward_chunk_sums
  // and finish_forward), then prepare_forward and forward_chunk for every chunk. Backward:
  // prepare_backward_sums, backward_chunk_sums for every chunk, BatchNorm::finish_backward, then
  // backward_chunk for every chunk (when dz is wanted).
  void prepare_forward(const Shape& out);
  void forward_chunk(const BatchNorm& bn, ConstTensorView z, TensorView out, SampleRange r);
  void prepare_backward_sums(const Shape& out, int threads);
  void backward_chunk_sums(BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout, int chunk,
                           SampleRange r, int worker);
  void backward_chunk(const BatchNorm& bn, ConstTensorView z, ConstTensorView out, ConstTensorView dout, TensorView dz,
                      SampleRange r) const;

 private:
  bool pooled_;
  std::vector<uint8_t> winners_;   // pooled: per output, its window's winning position (0..3, row order)
  Eigen::VectorXf plane_scratch_;  // per worker: g and z at the winners of one plane
};

}  // namespace celab::nn
