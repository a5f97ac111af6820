#include "nn/model.h"

#include <stdexcept>
#include <string>

#include "nn/architecture.h"

namespace celab::nn {

Model::Model(uint64_t seed) : workers_(std::make_shared<Workers>(1)) {
  Shape s{1, kInputChannels, kInputHeight, kInputWidth};
  sample_shapes_.push_back(s);
  for (const LayerSpec& spec : kArchitecture) {
    layers_.push_back(make_layer(spec));
    s = layer_output_shape(layers_.back(), s);
    sample_shapes_.push_back(s);
  }
  if (s != Shape{1, kClasses, 1, 1})
    throw std::logic_error("architecture ends in " + s.str() + ", not (1," + std::to_string(kClasses) + ")");
  for (size_t i = 0; i < layers_.size(); i += steps_.back().count) {
    const int fused = norm_relu_span(layers_, i, sample_shapes_[i]);
    if (fused) {
      steps_.push_back({i, static_cast<size_t>(fused), NormRelu(fused == 3)});
    } else {
      steps_.push_back({i, 1, std::nullopt});
    }
  }
  run_.reserve(2 * steps_.size());  // more than a run can gather: queue() never allocates
  acts_.resize(layers_.size() + 1);
  grads_.resize(layers_.size() + 1);
  act_views_.resize(layers_.size() + 1);
  grad_views_.resize(layers_.size() + 1);
  init(seed);
}

Model::Model(const Model& other)
    : layers_(other.layers_),
      steps_(other.steps_),
      sample_shapes_(other.sample_shapes_),
      acts_(other.acts_),
      grads_(other.grads_),
      act_views_(other.act_views_.size()),
      grad_views_(other.grad_views_.size()),
      capacity_(other.capacity_),
      batch_(other.batch_),
      mode_(other.mode_),
      workers_(other.workers_) {
  run_.reserve(2 * steps_.size());
  if (batch_) prepare_views(batch_);  // the views must point into this model's buffers
}

Model& Model::operator=(const Model& other) {
  if (this == &other) return *this;
  layers_ = other.layers_;
  steps_ = other.steps_;
  sample_shapes_ = other.sample_shapes_;
  acts_ = other.acts_;
  grads_ = other.grads_;
  capacity_ = other.capacity_;
  batch_ = other.batch_;
  mode_ = other.mode_;
  workers_ = other.workers_;
  run_.reserve(2 * steps_.size());
  if (batch_) prepare_views(batch_);
  return *this;
}

void Model::init(uint64_t seed) {
  Rng rng(seed);
  for (Layer& layer : layers_) layer_init(layer, rng);
  zero_grad();
}

void Model::set_threads(int threads) {
  if (threads != this->threads()) workers_ = std::make_shared<Workers>(threads);
}

void Model::set_winograd(bool wanted) {
  for (Layer& layer : layers_)
    if (Conv2d* conv = std::get_if<Conv2d>(&layer)) conv->set_winograd(wanted);
}

Shape Model::shape_at(size_t i, int n) const {
  Shape s = sample_shapes_.at(i);
  s.n = n;
  return s;
}

void Model::reserve(int batch) {
  if (batch <= capacity_) return;
  // A reshaping layer's output is its input's buffer, its input gradient its output gradient's.
  for (size_t i = 0; i <= layers_.size(); ++i) {
    const int64_t size = shape_at(i, batch).size();
    acts_[i].resize(i > 0 && layer_reshapes_in_place(layers_[i - 1]) ? 0 : size);
    grads_[i].resize(i < layers_.size() && layer_reshapes_in_place(layers_[i]) ? 0 : size);
  }
  capacity_ = batch;
}

void Model::prepare_views(int n) {
  reserve(n);
  for (size_t i = 0; i <= layers_.size(); ++i) {
    act_views_[i] = {acts_[i].data(), shape_at(i, n)};
    grad_views_[i] = {grads_[i].data(), shape_at(i, n)};
  }
  for (size_t i = 0; i < layers_.size(); ++i)
    if (layer_reshapes_in_place(layers_[i])) act_views_[i + 1].data = act_views_[i].data;
  for (size_t i = layers_.size(); i-- > 0;)
    if (layer_reshapes_in_place(layers_[i])) grad_views_[i].data = grad_views_[i + 1].data;
}

ConstRowMatrixMap Model::forward(const Eigen::Ref<const RowMatrix<float>>& x, Mode mode) {
  if (x.rows() < 1 || x.cols() != kInputSize)
    throw ShapeError("model: input expected (N>=1," + std::to_string(kInputSize) + "), got (" +
                     std::to_string(x.rows()) + "," + std::to_string(x.cols()) + ")");
  const int n = static_cast<int>(x.rows());
  batch_ = 0;  // no valid forward pass until this one completes
  prepare_views(n);
  RowMatrixMap(act_views_[0].data, n, kInputSize) = x;
  run_.clear();
  for (size_t s = 0; s < steps_.size(); ++s) {
    const size_t i = steps_[s].first;
    if (steps_[s].fused) {
      if (mode == Mode::Train) queue({PassKind::NormStats, s, mode});
      queue({PassKind::NormForward, s, mode});
    } else if (std::holds_alternative<Conv2d>(layers_[i])) {
      queue({PassKind::ConvForward, s, mode});
    } else {
      flush_run();
      layer_forward(layers_[i], forward_args({PassKind::Whole, s, mode}), *workers_);
    }
  }
  flush_run();
  batch_ = n;
  mode_ = mode;
  return {act_views_.back().data, n, kClasses};
}

ConstRowMatrixMap Model::backward(const Eigen::Ref<const RowMatrix<float>>& dlogits, BackwardOptions options) {
  if (batch_ == 0) throw std::logic_error("model: backward needs a completed forward pass first");
  if (dlogits.rows() != batch_ || dlogits.cols() != kClasses)
    throw ShapeError("model: logits gradient expected (" + std::to_string(batch_) + "," + std::to_string(kClasses) +
                     ") as the last forward pass, got (" + std::to_string(dlogits.rows()) + "," +
                     std::to_string(dlogits.cols()) + ")");
  RowMatrixMap(grad_views_.back().data, batch_, kClasses) = dlogits;
  size_t first_with_parameters = layers_.size();
  for (size_t i = layers_.size(); i-- > 0;)
    if (layer_has_parameters(layers_[i])) first_with_parameters = i;
  run_.clear();
  for (size_t s = steps_.size(); s-- > 0;) {
    const size_t i = steps_[s].first;
    // Below the first layer with parameters, gradients matter only as dL/dx.
    const bool want_dx = options.input_grad || i > first_with_parameters;
    if (!want_dx && i < first_with_parameters) break;
    const auto pass = [&](PassKind kind) { return Pass{kind, s, mode_, options.param_grads, want_dx}; };
    if (steps_[s].fused) {
      queue(pass(PassKind::NormSums));
      if (want_dx) queue(pass(PassKind::NormBackward));
    } else if (std::holds_alternative<Conv2d>(layers_[i])) {
      queue(pass(PassKind::ConvBackward));
    } else {
      flush_run();
      layer_backward(layers_[i], backward_args(pass(PassKind::Whole)), *workers_);
    }
  }
  flush_run();
  if (!options.input_grad) return {nullptr, 0, kInputSize};
  return {grad_views_[0].data, batch_, kInputSize};
}

ForwardArgs Model::forward_args(const Pass& pass) const {
  const size_t i = steps_[pass.step].first;
  return {act_views_[i], act_views_[i + steps_[pass.step].count], pass.mode};
}

BackwardArgs Model::backward_args(const Pass& pass) const {
  const size_t i = steps_[pass.step].first, end = i + steps_[pass.step].count;
  return {act_views_[i], act_views_[end], grad_views_[end], pass.dx ? grad_views_[i] : TensorView{},
          pass.mode,     pass.param_grads};
}

void Model::queue(const Pass& pass) {
  Step& step = steps_[pass.step];
  Layer& layer = layers_[step.first];
  const int threads = workers_->threads();
  switch (pass.kind) {
    case PassKind::ConvForward: std::get<Conv2d>(layer).prepare_forward(forward_args(pass), threads); break;
    case PassKind::NormStats:
      std::get<BatchNorm>(layer).check_forward_statistics(forward_args(pass).x.shape, pass.mode);
      break;
    case PassKind::NormForward: {
      const ForwardArgs a = forward_args(pass);
      std::get<BatchNorm>(layer).finish_forward(a.x.shape, pass.mode);  // Train: the statistics the last run took
      step.fused->prepare_forward(a.y.shape);
      break;
    }
    case PassKind::ConvBackward: std::get<Conv2d>(layer).prepare_backward(backward_args(pass), threads); break;
    case PassKind::NormSums: step.fused->prepare_backward_sums(backward_args(pass).y.shape, threads); break;
    case PassKind::NormBackward: break;  // NormSums' end gave the batch norm's map
    case PassKind::Whole: throw std::logic_error("model: a whole layer's pass is not queued");
  }
  run_.push_back(pass);
  if (pass.kind == PassKind::NormStats || pass.kind == PassKind::NormSums) flush_run();
}

void Model::run_chunk(const Pass& pass, int chunk, SampleRange r, int worker) {
  Step& step = steps_[pass.step];
  Layer& layer = layers_[step.first];
  switch (pass.kind) {
    case PassKind::ConvForward: std::get<Conv2d>(layer).forward_chunk(forward_args(pass), r, worker); break;
    case PassKind::NormStats: std::get<BatchNorm>(layer).forward_chunk_sums(forward_args(pass).x, chunk, r); break;
    case PassKind::NormForward: {
      const ForwardArgs a = forward_args(pass);
      step.fused->forward_chunk(std::get<BatchNorm>(layer), a.x, a.y, r);
      break;
    }
    case PassKind::ConvBackward: std::get<Conv2d>(layer).backward_chunk(backward_args(pass), chunk, r, worker); break;
    case PassKind::NormSums: {
      const BackwardArgs a = backward_args(pass);
      step.fused->backward_chunk_sums(std::get<BatchNorm>(layer), a.x, a.y, a.dy, chunk, r, worker);
      break;
    }
    case PassKind::NormBackward: {
      const BackwardArgs a = backward_args(pass);
      step.fused->backward_chunk(std::get<BatchNorm>(layer), a.x, a.y, a.dy, a.dx, r);
      break;
    }
    case PassKind::Whole: break;
  }
}

void Model::flush_run() {
  if (run_.empty()) return;
  workers_->for_each_chunk(act_views_[0].shape.n, [&](int chunk, SampleRange r, int worker) {
    for (const Pass& pass : run_) run_chunk(pass, chunk, r, worker);
  });
  for (const Pass& pass : run_) {
    if (pass.kind == PassKind::ConvBackward)
      std::get<Conv2d>(layers_[steps_[pass.step].first]).finish_backward(backward_args(pass));
    if (pass.kind == PassKind::NormSums)
      std::get<BatchNorm>(layers_[steps_[pass.step].first])
          .finish_backward(backward_args(pass).x.shape, pass.mode, pass.param_grads);
  }
  run_.clear();
}

std::vector<Parameter> Model::parameters() {
  std::vector<Parameter> out;
  for (Layer& layer : layers_) layer_parameters(layer, out);
  return out;
}

std::vector<StateTensor> Model::state() {
  std::vector<StateTensor> out;
  for (Layer& layer : layers_) layer_state(layer, out);
  return out;
}

std::vector<ConstStateTensor> Model::state() const {
  std::vector<ConstStateTensor> out;
  for (StateTensor& t : const_cast<Model*>(this)->state())
    out.push_back({std::move(t.name), std::move(t.shape), t.value});
  return out;
}

void Model::zero_grad() {
  for (Layer& layer : layers_) layer_zero_grad(layer);
}

int64_t Model::parameter_count() const {
  int64_t count = 0;
  for (const Parameter& p : const_cast<Model*>(this)->parameters()) count += static_cast<int64_t>(p.value.size());
  return count;
}

}  // namespace celab::nn
