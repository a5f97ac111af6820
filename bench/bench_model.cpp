// Model timings: a training step (forward in Train mode, backward to the parameters, Adam) per
// thread count, as bench/model_step_torch.py times PyTorch's; and the app's one-image path (Eval
// forward, backward to the input; the forward alone, directly and by Winograd).
//   build/native/celab_bench --benchmark_filter=Model
// Under load from other processes compare CPU time (the "CPU" column) with the script's cpu figure.
#include <benchmark/benchmark.h>

#include "nn/adam.h"
#include "nn/architecture.h"
#include "nn/model.h"
#include "nn/rng.h"

namespace {

using celab::nn::Mode;
using Matrix = celab::nn::RowMatrix<float>;

Matrix random_matrix(int rows, int cols, uint64_t seed) {
  celab::nn::Rng rng(seed);
  Matrix m(rows, cols);
  for (float& v : m.reshaped()) v = static_cast<float>(rng.uniform());
  return m;
}

// Arguments: batch, threads. epoch_s: seconds per 60000 images at this speed (wall clock).
void BM_ModelTrainStep(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  celab::nn::Model model(1);
  model.set_threads(static_cast<int>(state.range(1)));
  const Matrix x = random_matrix(batch, celab::nn::kInputSize, 2);
  const Matrix dlogits = random_matrix(batch, celab::nn::kClasses, 3);
  for (auto _ : state) {
    model.zero_grad();
    model.forward(x, Mode::Train);
    model.backward(dlogits, {.param_grads = true, .input_grad = false});
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["epoch_s"] =
      benchmark::Counter(batch / 60000.0, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ModelTrainStep)->Args({64, 1})->Args({64, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// The page's per-change work: one image forward (Eval) and backward to the input only.
void BM_ModelSaliencyOneImage(benchmark::State& state) {
  celab::nn::Model model(1);
  const Matrix x = random_matrix(1, celab::nn::kInputSize, 2);
  const Matrix dlogits = random_matrix(1, celab::nn::kClasses, 3);
  for (auto _ : state) {
    model.forward(x, Mode::Eval);
    model.backward(dlogits, {.param_grads = false, .input_grad = true});
  }
}
BENCHMARK(BM_ModelSaliencyOneImage)->Unit(benchmark::kMicrosecond);

}  // namespace

// One image's forward pass (Eval), as the page predicts: the 3 x 3 convolutions directly (arg 0)
// or by Winograd (arg 1: what WebAssembly runs, asked for here where it does not pay; winograd.h).
// Conv2d decides per pass whether its Winograd weights are still those of its weights (their
// version, parameter.h): this times that check too.
void BM_ModelForwardOneImage(benchmark::State& state) {
  celab::nn::Model model(1);
  model.set_winograd(state.range(0) != 0);
  const Matrix x = random_matrix(1, celab::nn::kInputSize, 2);
  for (auto _ : state) benchmark::DoNotOptimize(model.forward(x, Mode::Eval).data());
}
BENCHMARK(BM_ModelForwardOneImage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
