// The drawing loop (paint a segment, preprocess) and augmentation run without heap allocation once
// their buffers are warm: counted by replacing the global operator new in this test program.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "data/augment.h"
#include "data/preprocess.h"
#include "data/raster.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// The nothrow pair too (std::stable_sort's buffer comes from it and goes back through the sized
// delete above): otherwise one block would pass between this pair and the sanitizer's, which ASan
// reports as a heap overflow in whatever reuses it.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace celab::data {
namespace {

std::vector<Drawing> own_drawings() {
  return read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
}

TEST(NoAllocation, CountingSeesTheLibrarysAllocations) {
  const long before = allocations.load();
  const auto drawings = own_drawings();
  EXPECT_GT(allocations.load() - before, static_cast<long>(drawings.size()));
}

TEST(NoAllocation, PreprocessingInSteadyState) {
  const auto drawings = own_drawings();
  Preprocessor p;
  ModelInput in;
  for (const Drawing& d : drawings) p.drawing_to_input(d, in);  // warm up: buffers reach full size
  for (const Drawing& d : drawings) (void)preprocess_drawing(d);
  const long before = allocations.load();
  for (const Drawing& d : drawings) {
    ASSERT_TRUE(p.drawing_to_input(d, in));
    ASSERT_TRUE(preprocess_drawing(d));
  }
  EXPECT_EQ(allocations.load() - before, 0);
}

TEST(NoAllocation, TheAppsDrawingLoop) {
  const Drawing d = own_drawings()[42];
  Image canvas(d.canvas_width, d.canvas_height);
  Preprocessor p;
  ModelInput in;
  p.canvas_to_input(canvas, in);
  paint_segment(canvas, d.strokes[0][0], d.strokes[0][0], d.brush_radius);
  p.canvas_to_input(canvas, in);  // warm
  const long before = allocations.load();
  for (const Stroke& s : d.strokes)
    for (size_t i = 1; i < s.size(); ++i) {
      paint_segment(canvas, s[i - 1], s[i], d.brush_radius);
      ASSERT_TRUE(p.canvas_to_input(canvas, in));
    }
  EXPECT_EQ(allocations.load() - before, 0);
}

TEST(NoAllocation, Augmentation) {
  const auto digit = preprocess_drawing(own_drawings()[3]);  // the vector dies here; the input is a copy
  ASSERT_TRUE(digit);
  nn::Rng rng(1);
  ModelInput out;
  const long before = allocations.load();
  for (int i = 0; i < 1000; ++i) augment(*digit, out, rng);
  EXPECT_EQ(allocations.load() - before, 0);
}

}  // namespace
}  // namespace celab::data
