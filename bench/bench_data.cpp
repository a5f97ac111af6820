// src/data timings: what the app pays on every drawing change, what the CLI pays per drawing, and
// what the trainer pays per augmented image. Run: build/native/celab_bench --benchmark_filter=Data
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "data/augment.h"
#include "data/preprocess.h"
#include "data/raster.h"

namespace celab::data {
namespace {

const std::vector<Drawing>& own_drawings() {
  static const auto drawings = read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  return drawings;
}

// Strokes -> 28 x 28 from scratch (render the 280 x 280 canvas, then the recipe): the CLI's path.
void BM_DataPreprocessDrawing(benchmark::State& state) {
  const auto& drawings = own_drawings();
  Preprocessor p;
  ModelInput in;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.drawing_to_input(drawings[i], in));
    i = (i + 1) % drawings.size();
  }
}
BENCHMARK(BM_DataPreprocessDrawing);

// The app's work per mouse move: paint the new segment onto the canvas, then the recipe on the whole
// canvas. The drawings are replayed point by point (the canvas is cleared between drawings).
void BM_DataAppMouseMove(benchmark::State& state) {
  const auto& drawings = own_drawings();
  Image canvas(280, 280);
  Preprocessor p;
  ModelInput in;
  size_t drawing = 0, stroke = 0, point = 0;
  for (auto _ : state) {
    const Drawing& d = drawings[drawing];
    const Stroke& s = d.strokes[stroke];
    paint_segment(canvas, s[point == 0 ? 0 : point - 1], s[point], d.brush_radius);
    benchmark::DoNotOptimize(p.canvas_to_input(canvas, in));
    if (++point == s.size()) {
      point = 0;
      if (++stroke == d.strokes.size()) {
        stroke = 0;
        drawing = (drawing + 1) % drawings.size();
        state.PauseTiming();
        canvas.reset(280, 280);
        state.ResumeTiming();
      }
    }
  }
}
BENCHMARK(BM_DataAppMouseMove);

// One mouse move: an 8-pixel segment with a radius-10 brush, painted onto the canvas.
void BM_DataPaintSegment(benchmark::State& state) {
  Image canvas(280, 280);
  double x = 40;
  for (auto _ : state) {
    paint_segment(canvas, {x, 100}, {x + 6, 105.3}, 10);
    x = x > 220 ? 40 : x + 6;
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_DataPaintSegment);

void BM_DataAugment(benchmark::State& state) {
  std::vector<ModelInput> inputs;
  for (const Drawing& d : own_drawings()) inputs.push_back(*preprocess_drawing(d));
  nn::Rng rng(1);
  ModelInput out;
  size_t i = 0;
  for (auto _ : state) {
    augment(inputs[i], out, rng);
    benchmark::DoNotOptimize(out);
    i = (i + 1) % inputs.size();
  }
}
BENCHMARK(BM_DataAugment);

}  // namespace
}  // namespace celab::data
