// What `celab predict --strokes` pays per drawing with the shipped model: strokes -> 28x28
// (render + MNIST recipe) -> forward -> softmax. Run: build/native/celab_bench --benchmark_filter=Predict
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "cli/classify.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/preprocess.h"

namespace celab::cli {
namespace {

void BM_PredictOneDrawing(benchmark::State& state) {
  const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  nn::Model model = load_model(kDefaultModelPath);
  data::Preprocessor preprocessor;
  data::ModelInput input;
  size_t i = 0;
  for (auto _ : state) {
    preprocessor.drawing_to_input(drawings[i], input);
    benchmark::DoNotOptimize(classify(model, input).predicted);
    i = (i + 1) % drawings.size();
  }
}
BENCHMARK(BM_PredictOneDrawing)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace celab::cli
