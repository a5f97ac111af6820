// Cross-entropy forward + backward on a float batch, next to a plain copy of the same bytes.
// Bytes/s counts the logits once: the loss reads N*C floats and writes N*C gradient floats,
// exactly what the copy reads and writes, so the two rates compare directly.
//   build/native/celab_bench --benchmark_filter='CrossEntropy|Copy'
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "nn/cross_entropy.h"
#include "nn/rng.h"

namespace celab::nn {
namespace {

struct Batch {
  RowMatrix<float> logits, grad;
  std::vector<int64_t> target;
  Tensor<float> input;
  Tensor<int64_t> target_tensor;

  Batch(int64_t n, int64_t c) : logits(n, c), grad(n, c) {
    Rng rng(42);
    for (auto& v : logits.reshaped()) v = static_cast<float>(rng.normal(0.0, 3.0));
    for (int64_t i = 0; i < n; ++i) target.push_back(static_cast<int64_t>(rng.below(static_cast<uint64_t>(c))));
    input = {{n, c}, {logits.data(), logits.data() + logits.size()}};
    target_tensor = {{n}, target};
  }
  int64_t bytes() const { return logits.size() * int64_t{sizeof(float)}; }
};

void set_rate(benchmark::State& state, const Batch& batch) {
  state.SetBytesProcessed(state.iterations() * batch.bytes());
  state.counters["rows"] =
      benchmark::Counter(static_cast<double>(state.iterations() * batch.logits.rows()), benchmark::Counter::kIsRate);
}

// The training path: into the caller's gradient buffer (no allocation beyond one scratch block).
void BM_CrossEntropyRows(benchmark::State& state) {
  Batch batch(state.range(0), state.range(1));
  const CrossEntropyOptions<float> options;
  for (auto _ : state) {
    const float loss = cross_entropy_rows<float>(batch.logits, batch.target, options, batch.grad);
    benchmark::DoNotOptimize(loss);
    benchmark::ClobberMemory();
  }
  set_rate(state, batch);
}

// The PyTorch-shaped API, which also allocates the gradient tensor it returns.
void BM_CrossEntropyTensor(benchmark::State& state) {
  Batch batch(state.range(0), state.range(1));
  const CrossEntropyOptions<float> options;
  for (auto _ : state) {
    const auto result = cross_entropy(batch.input, batch.target_tensor, options);
    benchmark::DoNotOptimize(result.grad_input.data.data());
  }
  set_rate(state, batch);
}

// The floor: copying the logits into the gradient buffer.
void BM_Copy(benchmark::State& state) {
  Batch batch(state.range(0), state.range(1));
  for (auto _ : state) {
    std::memcpy(batch.grad.data(), batch.logits.data(), static_cast<size_t>(batch.bytes()));
    benchmark::ClobberMemory();
  }
  set_rate(state, batch);
}

void shapes(benchmark::internal::Benchmark* b) { b->Args({65536, 10})->Args({4096, 1000})->ArgNames({"N", "C"}); }

BENCHMARK(BM_CrossEntropyRows)->Apply(shapes);
BENCHMARK(BM_CrossEntropyTensor)->Apply(shapes);
BENCHMARK(BM_Copy)->Apply(shapes);

}  // namespace
}  // namespace celab::nn
