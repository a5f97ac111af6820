// A greyscale float image: the painted canvas, a decoded picture, an intermediate of preprocessing.
#pragma once

#include <cstddef>
#include <vector>

namespace celab::data {

// Row-major; pixel (x, y) covers [x, x+1) x [y, y+1), its centre is (x + 0.5, y + 0.5).
// Ink images use 0 = background, 1 = full ink.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<float> pixels;

  Image() = default;
  Image(int w, int h) { reset(w, h); }

  // w x h, every pixel 0. Keeps the buffer's capacity, so reusing an Image does not allocate.
  void reset(int w, int h) {
    width = w;
    height = h;
    pixels.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0.0f);
  }

  float& at(int x, int y) {
    return pixels[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
  float at(int x, int y) const {
    return pixels[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
};

}  // namespace celab::data
