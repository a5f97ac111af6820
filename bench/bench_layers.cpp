// Where a training step's time goes: the forward and backward pass of every step the model runs
// (a layer, or a batch norm -> ReLU (-> pool) fused by norm_relu.h) at batch 64 on one thread,
// backward split as training runs it (backward-data only where the model asks for dL/dx,
// backward-weight only for layers with parameters), plus the rest of a step: batch assembly from
// MNIST bytes, the loss and its gradient, zero_grad and the Adam step. Each row's epoch_s is its
// cost over one epoch (60,000 images); the rows add up to about Model/TrainStep's figure.
//   build/native/celab_bench --benchmark_filter=Step/
#include <benchmark/benchmark.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "nn/adam.h"
#include "nn/architecture.h"
#include "nn/cross_entropy.h"
#include "nn/layer.h"
#include "nn/model.h"
#include "nn/norm_relu.h"
#include "nn/rng.h"

namespace celab::nn {
namespace {

constexpr int kBatch = 64;

void set_epoch_counter(benchmark::State& state) {
  state.counters["epoch_s"] =
      benchmark::Counter(kBatch / 60000.0, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

std::vector<float> random_values(int64_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& f : v) f = static_cast<float>(rng.uniform());
  return v;
}

// The layers of architecture.h with one batch's activations and gradients, as after one forward
// (Train) and backward pass; each benchmark re-runs one step's pass on these buffers.
struct Chain {
  struct Step {
    size_t first = 0, count = 1;
    std::optional<NormRelu> fused;
    std::string name;
  };
  std::vector<Layer> layers;
  std::vector<Step> steps;
  std::vector<Shape> shapes;  // per layer boundary
  std::vector<std::vector<float>> acts, grads;
  size_t first_with_parameters = 0;
  Workers workers{1};

  Chain() {
    Rng rng(1);
    shapes.push_back({kBatch, kInputChannels, kInputHeight, kInputWidth});
    for (const LayerSpec& spec : kArchitecture) {
      layers.push_back(make_layer(spec));
      layer_init(layers.back(), rng);
      shapes.push_back(layer_output_shape(layers.back(), shapes.back()));
    }
    for (size_t i = 0; i < layers.size(); i += steps.back().count) {
      const int fused = norm_relu_span(layers, i, shapes[i]);
      Step step{i, fused ? static_cast<size_t>(fused) : 1, std::nullopt, std::string(kArchitecture[i].name)};
      if (fused) step.fused.emplace(fused == 3);
      for (size_t j = i + 1; j < i + step.count; ++j) step.name += "+" + std::string(kArchitecture[j].name);
      steps.push_back(std::move(step));
    }
    acts.push_back(random_values(shapes[0].size(), 2));
    for (size_t i = 0; i < layers.size(); ++i) acts.emplace_back(static_cast<size_t>(shapes[i + 1].size()));
    for (Step& step : steps) forward(step);
    grads.resize(layers.size() + 1);
    for (size_t i = 0; i <= layers.size(); ++i) grads[i].resize(static_cast<size_t>(shapes[i].size()));
    grads.back() = random_values(shapes.back().size(), 3);
    for (size_t s = steps.size(); s-- > 0;) backward(steps[s], true, true);
    while (!layer_has_parameters(layers[first_with_parameters])) ++first_with_parameters;
  }

  void forward(Step& step) {
    const size_t i = step.first, end = i + step.count;
    const ConstTensorView x(acts[i].data(), shapes[i]);
    const TensorView y{acts[end].data(), shapes[end]};
    if (step.fused) {
      step.fused->forward(std::get<BatchNorm>(layers[i]), x, y, Mode::Train, workers);
    } else {
      layer_forward(layers[i], {x, y, Mode::Train}, workers);
    }
  }
  void backward(Step& step, bool data, bool weight) {
    const size_t i = step.first, end = i + step.count;
    const ConstTensorView x(acts[i].data(), shapes[i]), y(acts[end].data(), shapes[end]);
    const ConstTensorView dy(grads[end].data(), shapes[end]);
    const TensorView dx = data ? TensorView{grads[i].data(), shapes[i]} : TensorView{};
    if (step.fused) {
      step.fused->backward(std::get<BatchNorm>(layers[i]), x, y, dy, dx, Mode::Train, weight, workers);
    } else {
      layer_backward(layers[i], {x, y, dy, dx, Mode::Train, weight}, workers);
    }
  }
};

Chain& chain() {
  static Chain c;
  return c;
}

void register_step_benchmarks() {
  Chain& c = chain();
  for (size_t s = 0; s < c.steps.size(); ++s) {
    const Chain::Step& step = c.steps[s];
    const std::string name = "Step/" + step.name;
    benchmark::RegisterBenchmark((name + "/forward").c_str(), [s](benchmark::State& state) {
      Chain& ch = chain();
      for (auto _ : state) ch.forward(ch.steps[s]);
      set_epoch_counter(state);
    })->Unit(benchmark::kMicrosecond);
    const bool has_parameters = layer_has_parameters(c.layers[step.first]);
    const bool wants_dx = step.first > c.first_with_parameters;  // as Model::backward during training
    // A batch norm's weight and data gradients share its passes over the batch: timed together.
    if (has_parameters && wants_dx && !std::holds_alternative<Conv2d>(c.layers[step.first])) {
      benchmark::RegisterBenchmark((name + "/backward").c_str(), [s](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) ch.backward(ch.steps[s], true, true);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
      continue;
    }
    if (wants_dx)
      benchmark::RegisterBenchmark((name + "/backward_data").c_str(), [s](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) ch.backward(ch.steps[s], true, false);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
    if (has_parameters)
      benchmark::RegisterBenchmark((name + "/backward_weight").c_str(), [s](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) ch.backward(ch.steps[s], false, true);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
  }
}

const bool registered = (register_step_benchmarks(), true);

// The model's input copy and the trainer's batch: 64 MNIST-like byte images to floats in [0, 1].
void BM_StepBatchAssembly(benchmark::State& state) {
  std::vector<uint8_t> bytes(static_cast<size_t>(kBatch) * kInputSize);
  Rng rng(4);
  for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.below(256));
  RowMatrix<float> x(kBatch, kInputSize);
  for (auto _ : state) {
    for (int r = 0; r < kBatch; ++r)
      for (int j = 0; j < kInputSize; ++j) x(r, j) = static_cast<float>(bytes[r * kInputSize + j]) / 255.0f;
    benchmark::DoNotOptimize(x.data());
  }
  set_epoch_counter(state);
}
BENCHMARK(BM_StepBatchAssembly)->Name("Step/batch_assembly")->Unit(benchmark::kMicrosecond);

void BM_StepLoss(benchmark::State& state) {
  const std::vector<float> values = random_values(int64_t{kBatch} * kClasses, 5);
  const Eigen::Map<const RowMatrix<float>> logits(values.data(), kBatch, kClasses);
  std::vector<int64_t> targets(kBatch);
  for (int r = 0; r < kBatch; ++r) targets[static_cast<size_t>(r)] = r % kClasses;
  RowMatrix<float> grad(kBatch, kClasses);
  const CrossEntropyOptions<float> mean_loss;
  for (auto _ : state) benchmark::DoNotOptimize(cross_entropy_rows<float>(logits, targets, mean_loss, grad));
  set_epoch_counter(state);
}
BENCHMARK(BM_StepLoss)->Name("Step/loss")->Unit(benchmark::kMicrosecond);

void BM_StepOptimizer(benchmark::State& state) {
  Model model(1);
  Adam adam(model.parameters(), {.lr = 0.002});
  for (auto _ : state) {
    model.zero_grad();
    adam.step();
  }
  set_epoch_counter(state);
}
BENCHMARK(BM_StepOptimizer)->Name("Step/zero_grad+adam")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace celab::nn
