#include "nn/conv2d.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "nn/eigen_types.h"
#include "nn/he_init.h"
#include "nn/small_gemm.h"

namespace celab::nn {

Conv2d::Conv2d(std::string name, int in_channels, int out_channels, int kernel)
    : LayerName(std::move(name), "Conv2d " + std::to_string(in_channels) + "->" + std::to_string(out_channels) + " k" +
                                     std::to_string(kernel)),
      in_(in_channels),
      out_(out_channels),
      k_(kernel) {
  if (in_ < 1 || out_ < 1 || k_ < 1)
    throw std::invalid_argument(name_ + ": Conv2d needs positive channels and kernel, got " + std::to_string(in_) +
                                "->" + std::to_string(out_) + " k" + std::to_string(k_));
  weight_ = Eigen::VectorXf::Zero(int64_t{out_} * patch());
  weight_grad_ = Eigen::VectorXf::Zero(weight_.size());
}

Shape Conv2d::output_shape(const Shape& x) const {
  if (x.c != in_ || x.h < k_ || x.w < k_ || x.n < 1) {
    const std::string k = std::to_string(k_);
    throw_shape_error(label_, "input", "(N>=1," + std::to_string(in_) + ",H>=" + k + ",W>=" + k + ")", x);
  }
  return {x.n, out_, x.h - k_ + 1, x.w - k_ + 1};
}

int64_t Conv2d::macs(const Shape& x) const { return output_shape(x).plane() * out_ * patch(); }

void Conv2d::init(Rng& rng) {
  he_normal(as_span(weight_), patch(), rng);
  version_.bump();
}

namespace {

int64_t padded(int64_t n) { return (n + kLongDotMultiple - 1) / kLongDotMultiple * kLongDotMultiple; }

// The weight gradient's sums run over a group of samples at once, about kDotLength values: an
// 8 x 8 plane alone is too short to pay for loading and storing the sums.
constexpr int64_t kDotLength = 512;

// Runs of a few dozen floats, copied by fixed-size blocks: a plain loop would become a call to
// memmove per run (GCC and Clang recognise the idiom), which costs more than the copy.
inline void copy_run(const float* src, float* dst, int n) {
  int j = 0;
  for (; j + 8 <= n; j += 8) std::memcpy(dst + j, src + j, 8 * sizeof(float));
  for (; j < n; ++j) dst[j] = src[j];
}

// dy (C_out, H_out, W_out) into rows `row_stride` apart, channels `channel_stride` apart.
void spread_rows(const float* dy, int channels, int ho, int wo, float* to, int64_t channel_stride, int64_t row_stride) {
  for (int o = 0; o < channels; ++o)
    for (int oy = 0; oy < ho; ++oy)
      copy_run(dy + (int64_t{o} * ho + oy) * wo, to + o * channel_stride + oy * row_stride, wo);
}

// Sizes v to at least n floats, all zero when `rezero` (the layout changed) or when it grows.
void zeroed_at_least(Eigen::VectorXf& v, int64_t n, bool rezero) {
  if (rezero || v.size() < n) v = Eigen::VectorXf::Zero(std::max<int64_t>(n, rezero ? 0 : v.size()));
}

}  // namespace

void Conv2d::ensure_scratch(const Shape& x, int threads, bool backward) {
  const bool changed = x.h != layout_.h || x.w != layout_.w;
  Layout& l = layout_;
  const int ho = x.h - k_ + 1, wo = x.w - k_ + 1;
  if (changed) {
    l.h = x.h;
    l.w = x.w;
    l.positions = int64_t{ho - 1} * x.w + wo;
    l.run = padded(l.positions);
    l.sample_stride = padded(int64_t{in_} * x.h * x.w + l.run - l.positions);
    l.dy_margin = int64_t{k_ - 1} * x.w + k_ - 1;
    l.dy_stride = padded(l.dy_margin + int64_t{x.h} * x.w);
    l.group = static_cast<int>(std::max<int64_t>(1, kDotLength / l.run));
    l.windows.clear();
    l.dy_windows.clear();
    for (int ci = 0; ci < in_; ++ci)
      for (int ky = 0; ky < k_; ++ky)
        for (int kx = 0; kx < k_; ++kx) l.windows.push_back((int64_t{ci} * x.h + ky) * x.w + kx);
    for (int o = 0; o < out_; ++o)
      for (int ky = 0; ky < k_; ++ky)
        for (int kx = 0; kx < k_; ++kx) l.dy_windows.push_back(o * l.dy_stride + l.dy_margin - int64_t{ky} * x.w - kx);
  }
  // Winograd for the 3 x 3 layers with several input channels (with one, its transforms cost more
  // than they save), where it pays (winograd.h) or where asked for.
  winograd_ = winograd_wanted_ && k_ == 3 && in_ >= 4 && Winograd3x3::applies(x.h, x.w);
  if (winograd_) {
    const int64_t size = Winograd3x3::scratch_size(in_, out_, x.h, x.w) * threads;
    if (winograd_scratch_.size() < size) winograd_scratch_.resize(size);
    if (changed || winograd_version_ != version_.count()) {
      winograd3x3_.prepare(weight(), in_, out_, x.h, x.w);
      winograd_version_ = version_.count();
    }
  } else if (wide_y_.size() < out_ * l.positions * threads) {
    wide_y_.resize(out_ * l.positions * threads);
  }
  if (!backward) return;
  zeroed_at_least(group_x_, l.sample_stride * l.group * threads, changed);
  zeroed_at_least(group_dy_, out_ * l.run * l.group * threads, changed);
  zeroed_at_least(padded_dy_, out_ * l.dy_stride * threads, changed);
  if (partials_.size() < long_dot_partials(out_, patch()) * threads)
    partials_.resize(long_dot_partials(out_, patch()) * threads);
  const int64_t grads = int64_t{kMaxBatchChunks} * weight_.size();
  if (chunk_grads_.size() < grads) chunk_grads_.resize(grads);
  if (weight_t_.size() < weight_.size()) weight_t_.resize(weight_.size());
}

void Conv2d::prepare_forward(const ForwardArgs& a, int threads) {
  check_forward_io(label_, output_shape(a.x.shape), a);
  ensure_scratch(a.x.shape, threads, false);
}

void Conv2d::forward_chunk(const ForwardArgs& a, SampleRange r, int worker) {
  const Shape& ys = a.y.shape;
  if (winograd_) {
    const int64_t scratch = Winograd3x3::scratch_size(in_, out_, a.x.shape.h, a.x.shape.w);
    for (int i = r.begin; i < r.end; ++i)
      winograd3x3_.forward(a.x.sample(i), a.x.shape.h, a.x.shape.w, a.y.sample(i),
                           winograd_scratch_.data() + worker * scratch);
    return;
  }
  const int64_t q = layout_.positions, plane = ys.plane();
  // Output row by row when that is less work than the full-width rows and their compaction: with
  // narrow vectors (WebAssembly's 4 lanes) a 24- or 8-wide row is whole vectors, no column wasted.
  const bool by_rows = ys.h * gemm_long_rows_work(ys.w) < gemm_long_rows_work(q);
  float* wide = wide_y_.data() + worker * out_ * q;
  for (int i = r.begin; i < r.end; ++i) {
    const float* x = a.x.sample(i);
    float* y = a.y.sample(i);
    if (by_rows) {
      for (int oy = 0; oy < ys.h; ++oy)
        gemm_long_rows(y + int64_t{oy} * ys.w, plane, x + int64_t{oy} * layout_.w, layout_.windows.data(), ys.w,
                       patch(), out_, weight_.data(), patch(), 1);
      continue;
    }
    gemm_long_rows(wide, q, x, layout_.windows.data(), q, patch(), out_, weight_.data(), patch(), 1);
    for (int o = 0; o < out_; ++o)
      for (int oy = 0; oy < ys.h; ++oy)
        copy_run(wide + o * q + int64_t{oy} * layout_.w, y + (o * ys.h + oy) * ys.w, ys.w);
  }
}

void Conv2d::forward(const ForwardArgs& a, Workers& workers) {
  prepare_forward(a, workers.threads());
  workers.for_each_chunk(a.y.shape.n, [&](int, SampleRange r, int worker) { forward_chunk(a, r, worker); });
}

// This chunk's dW (C_out, K) into chunk_grads_, group by group of samples: each sample's input
// copied with a tail of zeros (the last windows run past the image) and its dy spread to full
// width (zeros in the thrown-away columns). The sums stay per lane until the chunk is done.
void Conv2d::weight_gradient(const BackwardArgs& a, SampleRange r, int chunk, int worker) {
  const Layout& l = layout_;
  const Shape& ys = a.dy.shape;
  const int64_t k = patch(), x_size = a.x.shape.per_sample(), dy_step = out_ * l.run;
  float* xg = group_x_.data() + worker * l.sample_stride * l.group;
  float* dyg = group_dy_.data() + worker * dy_step * l.group;
  float* partials = partials_.data() + worker * long_dot_partials(out_, k);
  for (int first = r.begin; first < r.end; first += l.group) {
    const int count = std::min(l.group, r.end - first);
    for (int s = 0; s < count; ++s) {
      std::memcpy(xg + s * l.sample_stride, a.x.sample(first + s), static_cast<size_t>(x_size) * sizeof(float));
      spread_rows(a.dy.sample(first + s), out_, ys.h, ys.w, dyg + s * dy_step, l.run, l.w);
    }
    long_dot_add(partials, first == r.begin, dyg, l.run, dy_step, out_, xg, l.windows.data(), l.sample_stride, k, l.run,
                 count);
  }
  float* dw = chunk_grads_.data() + chunk * weight_.size();
  std::fill(dw, dw + weight_.size(), 0.0f);
  long_dot_finish(dw, partials, out_, k);
}

// dx of each sample over its own H x W pixels: dy spread into rows of width W below k-1 rows of
// zeros, read through windows shifted up and left, times W^T.
void Conv2d::input_gradient(const BackwardArgs& a, SampleRange r, int worker) {
  const Layout& l = layout_;
  const Shape& ys = a.dy.shape;
  const int64_t plane = int64_t{l.h} * l.w, inner = int64_t{out_} * k_ * k_;
  float* dyp = padded_dy_.data() + worker * out_ * l.dy_stride;
  for (int i = r.begin; i < r.end; ++i) {
    spread_rows(a.dy.sample(i), out_, ys.h, ys.w, dyp + l.dy_margin, l.dy_stride, l.w);
    gemm_long_rows(a.dx.sample(i), plane, dyp, l.dy_windows.data(), plane, inner, in_, weight_t_.data(), inner, 1);
  }
}

void Conv2d::prepare_backward(const BackwardArgs& a, int threads) {
  check_backward_io(label_, output_shape(a.x.shape), a);
  ensure_scratch(a.x.shape, threads, true);
  if (a.dx.data) {  // W^T: (C_in, C_out, k, k)
    const int kk = k_ * k_;
    for (int o = 0; o < out_; ++o)
      for (int ci = 0; ci < in_; ++ci)
        std::copy_n(weight_.data() + (int64_t{o} * in_ + ci) * kk, kk,
                    weight_t_.data() + (int64_t{ci} * out_ + o) * kk);
  }
}

void Conv2d::backward_chunk(const BackwardArgs& a, int chunk, SampleRange r, int worker) {
  if (a.param_grads) weight_gradient(a, r, chunk, worker);
  if (a.dx.data) input_gradient(a, r, worker);
}

void Conv2d::finish_backward(const BackwardArgs& a) {
  if (!a.param_grads) return;
  const int64_t wsize = weight_.size();
  for (int c = 0; c < batch_chunk_count(a.dy.shape.n); ++c)
    weight_grad_ += Eigen::Map<const Eigen::VectorXf>(chunk_grads_.data() + c * wsize, wsize);
}

void Conv2d::backward(const BackwardArgs& a, Workers& workers) {
  prepare_backward(a, workers.threads());
  workers.for_each_chunk(a.dy.shape.n,
                         [&](int chunk, SampleRange r, int worker) { backward_chunk(a, chunk, r, worker); });
  finish_backward(a);
}

std::vector<Parameter> Conv2d::parameters() {
  return {{name_ + ".weight", {out_, in_, k_, k_}, as_span(weight_), as_span(weight_grad_), version_}};
}

std::vector<StateTensor> Conv2d::state() {
  return {{name_ + ".weight", {out_, in_, k_, k_}, as_span(weight_), version_}};
}

}  // namespace celab::nn
