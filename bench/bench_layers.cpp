// Where a training step's time goes: every layer's forward and backward at batch 64 on one thread,
// backward split as training runs it (backward-data only where the model asks for dL/dx,
// backward-weight only for layers with parameters), plus the rest of a step: batch assembly from
// MNIST bytes, the loss and its gradient, zero_grad and the Adam step. Each row's epoch_s is its
// cost over one epoch (60,000 images); the rows add up to about Model/TrainStep's figure.
//   build/native/celab_bench --benchmark_filter=Step/
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "nn/adam.h"
#include "nn/architecture.h"
#include "nn/cross_entropy.h"
#include "nn/layer.h"
#include "nn/model.h"
#include "nn/rng.h"

namespace celab::nn {
namespace {

constexpr int kBatch = 64;

void set_epoch_counter(benchmark::State& state) {
  state.counters["epoch_s"] = benchmark::Counter(
      kBatch / 60000.0, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

std::vector<float> random_values(int64_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& f : v) f = static_cast<float>(rng.uniform());
  return v;
}

// The layers of architecture.h with one batch's activations and gradients, as after one forward
// (Train) and backward pass; each benchmark re-runs one layer's pass on these buffers.
struct Chain {
  std::vector<Layer> layers;
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
    acts.push_back(random_values(shapes[0].size(), 2));
    for (size_t i = 0; i < layers.size(); ++i) {
      acts.emplace_back(static_cast<size_t>(shapes[i + 1].size()));
      layer_forward(layers[i], forward_args(i), workers);
    }
    grads.resize(layers.size() + 1);
    for (size_t i = 0; i <= layers.size(); ++i) grads[i].resize(static_cast<size_t>(shapes[i].size()));
    grads.back() = random_values(shapes.back().size(), 3);
    for (size_t i = layers.size(); i-- > 0;) layer_backward(layers[i], backward_args(i, true, true), workers);
    while (!layer_has_parameters(layers[first_with_parameters])) ++first_with_parameters;
  }

  ForwardArgs forward_args(size_t i) {
    return {ConstTensorView(acts[i].data(), shapes[i]), TensorView{acts[i + 1].data(), shapes[i + 1]}, Mode::Train};
  }
  BackwardArgs backward_args(size_t i, bool data, bool weight) {
    return {ConstTensorView(acts[i].data(), shapes[i]), ConstTensorView(acts[i + 1].data(), shapes[i + 1]),
            ConstTensorView(grads[i + 1].data(), shapes[i + 1]),
            data ? TensorView{grads[i].data(), shapes[i]} : TensorView{}, Mode::Train, weight};
  }
};

Chain& chain() {
  static Chain c;
  return c;
}

void register_layer_benchmarks() {
  Chain& c = chain();
  for (size_t i = 0; i < c.layers.size(); ++i) {
    const std::string name = "Step/" + std::string(kArchitecture[i].name);
    benchmark::RegisterBenchmark((name + "/forward").c_str(), [i](benchmark::State& state) {
      Chain& ch = chain();
      for (auto _ : state) layer_forward(ch.layers[i], ch.forward_args(i), ch.workers);
      set_epoch_counter(state);
    })->Unit(benchmark::kMicrosecond);
    const bool has_parameters = layer_has_parameters(c.layers[i]);
    const bool wants_dx = i > c.first_with_parameters;  // as Model::backward during training
    // A batch norm's weight and data gradients share one pass over the batch: timed together.
    const bool together = has_parameters && wants_dx && !std::holds_alternative<Conv2d>(c.layers[i]);
    if (together) {
      benchmark::RegisterBenchmark((name + "/backward").c_str(), [i](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) layer_backward(ch.layers[i], ch.backward_args(i, true, true), ch.workers);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
      continue;
    }
    if (wants_dx)
      benchmark::RegisterBenchmark((name + "/backward_data").c_str(), [i](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) layer_backward(ch.layers[i], ch.backward_args(i, true, false), ch.workers);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
    if (has_parameters)
      benchmark::RegisterBenchmark((name + "/backward_weight").c_str(), [i](benchmark::State& state) {
        Chain& ch = chain();
        for (auto _ : state) layer_backward(ch.layers[i], ch.backward_args(i, false, true), ch.workers);
        set_epoch_counter(state);
      })->Unit(benchmark::kMicrosecond);
  }
}

const bool registered = (register_layer_benchmarks(), true);

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
