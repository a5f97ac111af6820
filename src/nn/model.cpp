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
  for (Step& step : steps_) {
    const size_t i = step.first;
    if (step.fused) {
      step.fused->forward(std::get<BatchNorm>(layers_[i]), act_views_[i], act_views_[i + step.count], mode, *workers_);
    } else {
      layer_forward(layers_[i], {act_views_[i], act_views_[i + 1], mode}, *workers_);
    }
  }
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
  for (size_t s = steps_.size(); s-- > 0;) {
    Step& step = steps_[s];
    const size_t i = step.first, end = step.first + step.count;
    // Below the first layer with parameters, gradients matter only as dL/dx.
    const bool want_dx = options.input_grad || i > first_with_parameters;
    if (!want_dx && i < first_with_parameters) break;
    const TensorView dx = want_dx ? grad_views_[i] : TensorView{};
    if (step.fused) {
      step.fused->backward(std::get<BatchNorm>(layers_[i]), act_views_[i], act_views_[end], grad_views_[end], dx, mode_,
                           options.param_grads, *workers_);
    } else {
      layer_backward(layers_[i], {act_views_[i], act_views_[end], grad_views_[end], dx, mode_, options.param_grads},
                     *workers_);
    }
  }
  if (!options.input_grad) return {nullptr, 0, kInputSize};
  return {grad_views_[0].data, batch_, kInputSize};
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
