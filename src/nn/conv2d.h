// 2-D convolution, stride 1, no padding ("valid"), no bias (every conv here feeds a batch norm,
// whose shift makes a bias redundant). Weight layout as PyTorch: (C_out, C_in, k, k) row-major.
//
//   forward:  y[o][oy][ox] = sum_{ci,ky,kx} w[o][ci][ky][kx] * x[ci][oy+ky][ox+kx]
//   backward: dW[o][ci][ky][kx] += sum_{oy,ox} dy[o][oy][ox] * x[ci][oy+ky][ox+kx]
//             dx[ci][y][x] = sum_{o,ky,kx} w[o][ci][ky][kx] * dy[o][y-ky][x-kx]  (dy outside: 0)
//
// Each is one matrix product per sample (small_gemm.h) over pixels at full input width: output
// position q = oy * W + ox, for ox < W, not only ox < W_out. Then every window the sums read is
// one contiguous run of the input, x[ci] + ky * W + kx + q, read in place: no im2col copies, at
// the price of the k-1 columns per row that are computed and thrown away (8% of conv2's work, 25%
// of an 8 x 8 output's). dy is laid out the same way (zeros in those columns and, for dx, k-1
// rows of zeros above), so the input gradient is a product over the input's own pixels. Samples
// are split over threads by batch chunk; each chunk accumulates its own weight gradient and the
// chunks are summed in order, so the result does not depend on the thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "nn/eigen_types.h"
#include "nn/layer_io.h"
#include "nn/layer_name.h"
#include "nn/parameter.h"
#include "nn/rng.h"
#include "nn/winograd.h"
#include "nn/workers.h"

namespace celab::nn {

class Conv2d : public LayerName {
 public:
  Conv2d(std::string name, int in_channels, int out_channels, int kernel);

  Shape output_shape(const Shape& x) const;  // throws ShapeError
  int64_t macs(const Shape& x) const;        // multiply-adds of one forward pass

  void init(Rng& rng);  // He normal
  void forward(const ForwardArgs& a, Workers& workers);
  void backward(const BackwardArgs& a, Workers& workers);
  // The passes in pieces, for a caller that runs them inside pool runs of its own, next to other
  // layers' chunks (model.h): prepare_*, then *_chunk for every chunk of the batch, then (backward)
  // finish_backward, which adds the chunks' weight gradients in chunk order.
  void prepare_forward(const ForwardArgs& a, int threads);
  void forward_chunk(const ForwardArgs& a, SampleRange r, int worker);
  void prepare_backward(const BackwardArgs& a, int threads);
  void backward_chunk(const BackwardArgs& a, int chunk, SampleRange r, int worker);
  void finish_backward(const BackwardArgs& a);
  std::vector<Parameter> parameters();
  std::vector<StateTensor> state();
  void zero_grad() { weight_grad_.setZero(); }

  // Winograd's forward where it applies: by default where it pays (kWinogradPays); tests and
  // benchmarks ask for it where it does not, to run that path natively.
  void set_winograd(bool wanted) { winograd_wanted_ = wanted; }

  std::span<const float> weight() const { return {weight_.data(), static_cast<size_t>(weight_.size())}; }

 private:
  int patch() const { return in_ * k_ * k_; }  // K
  void ensure_scratch(const Shape& x, int threads, bool backward);
  void weight_gradient(const BackwardArgs& a, SampleRange r, int chunk, int worker);
  void input_gradient(const BackwardArgs& a, SampleRange r, int worker);

  int in_, out_, k_;
  Eigen::VectorXf weight_, weight_grad_;
  TensorVersion version_;  // of weight_ (parameter.h)

  // The geometry of the last input (H, W) and what follows from it.
  struct Layout {
    int h = 0, w = 0;
    int64_t positions = 0;            // Q = (H_out - 1) * W + W_out, full-width output positions
    int64_t run = 0;                  // Q padded to whole vectors (kLongDotMultiple)
    int64_t sample_stride = 0;        // of a sample's input copy: C_in * H * W and a tail of zeros
    int64_t dy_margin = 0;            // zeros above dy for the input gradient: (k-1) * W + k-1
    int64_t dy_stride = 0;            // of one output channel there: margin + H * W
    int group = 1;                    // samples whose weight-gradient sums run together
    std::vector<int64_t> windows;     // K offsets of x[ci] + ky * W + kx
    std::vector<int64_t> dy_windows;  // C_out * k * k offsets into the padded dy, for dx
  } layout_;
  // Scratch, per worker. Zeros in the padded layouts are written when the layout changes; the
  // passes then overwrite only the values.
  Eigen::VectorXf wide_y_;       // C_out x Q (forward)
  Eigen::VectorXf group_x_;      // a group's input copies (weight gradient)
  Eigen::VectorXf group_dy_;     // a group's dy at full width, C_out x run each (weight gradient)
  Eigen::VectorXf padded_dy_;    // C_out x dy_stride (input gradient)
  Eigen::VectorXf partials_;     // the weight gradient's sums, per lane (small_gemm.h long_dot)
  Eigen::VectorXf chunk_grads_;  // per batch chunk: C_out x K
  Eigen::VectorXf weight_t_;     // W as (C_in, C_out, k, k), shared (input gradient)
  // The forward pass by Winograd's F(2x2, 3x3) where it applies (winograd.h), its transformed
  // weights made again when the weights' version or the input's size has changed since.
  bool winograd_wanted_ = kWinogradPays;
  bool winograd_ = false;
  Winograd3x3 winograd3x3_;
  std::optional<uint64_t> winograd_version_;  // of the weights winograd3x3_ was prepared from
  Eigen::VectorXf winograd_scratch_;
};

}  // namespace celab::nn
