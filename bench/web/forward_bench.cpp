// window.celabBench, for bench/forward_vs_ort.mjs (run by bench/page_budget.mjs): the network's
// forward pass alone, built like the page's wasm (cmake/web.cmake: its own small module,
// build/web/bench/forward-bench.js, not part of the site), on a model loaded from the site's model
// file, so the bench can time it in a browser page against ONNX Runtime Web running the same weights.
//   celabBench.load(bytes)                  -> undefined (throws with the model file's error)
//   celabBench.forward(pixels, runs)        -> logits (10 numbers), after `runs` forward passes
#include <emscripten.h>

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "nn/architecture.h"
#include "nn/model_file.h"

namespace {

std::optional<celab::nn::Model> bench_model;
celab::nn::RowMatrix<float> bench_input(1, celab::nn::kInputSize);
float bench_logits[celab::nn::kClasses];

}  // namespace

extern "C" {

// 0 when loaded, else the model file's error (kept until the next call).
EMSCRIPTEN_KEEPALIVE const char* celab_bench_load(const uint8_t* bytes, int size) {
  static std::string error;
  try {
    bench_model.emplace(celab::nn::model_from_bytes(std::span<const uint8_t>(bytes, static_cast<size_t>(size))));
    return nullptr;
  } catch (const std::exception& e) {
    error = e.what();
    return error.c_str();
  }
}

// pixels: kInputSize floats in the heap; returns the logits of the last of `runs` Eval forward passes.
EMSCRIPTEN_KEEPALIVE const float* celab_bench_forward(const float* pixels, int runs) {
  for (int j = 0; j < celab::nn::kInputSize; ++j) bench_input(0, j) = pixels[j];
  for (int r = 0; r < runs; ++r) {
    const auto logits = bench_model->forward(bench_input, celab::nn::Mode::Eval);
    for (int c = 0; c < celab::nn::kClasses; ++c) bench_logits[c] = logits(0, c);
  }
  return bench_logits;
}

}  // extern "C"

// Module-scope JS: the exported C functions are in scope as _name.
// JavaScript inside: clang-format would take it for C++ (and split `=>`).
// clang-format off
EM_JS(void, celab_bench_install, (), {
  const withHeap = (bytes, use) => {
    const p = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, p);
    try { return use(p); } finally { _free(p); }
  };
  let pixels = 0;
  window.celabBench = {
    load: (bytes) => withHeap(bytes, (p) => {
      const error = _celab_bench_load(p, bytes.length);
      if (error) throw new Error(UTF8ToString(error));
    }),
    forward: (input, runs) => {
      if (!pixels) pixels = _malloc(input.length * 4);
      HEAPF32.set(input, pixels >> 2);
      const logits = _celab_bench_forward(pixels, runs) >> 2;
      return Array.from(HEAPF32.subarray(logits, logits + 10));
    },
  };
});
// clang-format on

// At start-up, before main(): the module's exports exist by then.
__attribute__((constructor)) static void install_forward_bench() { celab_bench_install(); }
