#include "data/idx.h"

#include <cstdio>
#include <utility>

#include "data/file_bytes.h"
#include "nn/error_text.h"

namespace celab::data {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;  // unsigned bytes, 3 dimensions
constexpr uint32_t kLabelsMagic = 0x00000801;  // unsigned bytes, 1 dimension

uint32_t read_be32(std::span<const uint8_t> bytes, size_t offset) {
  return uint32_t{bytes[offset]} << 24 | uint32_t{bytes[offset + 1]} << 16 | uint32_t{bytes[offset + 2]} << 8 |
         uint32_t{bytes[offset + 3]};
}

// What a magic number would have meant, to make a mix-up of files obvious in the message.
std::string describe_magic(uint32_t magic) {
  if ((magic >> 16) == 0x1F8B) return "gzip data: decompress the file first";
  if ((magic >> 16) != 0) return "not an IDX file";
  const uint32_t type = (magic >> 8) & 0xFF, dims = magic & 0xFF;
  std::string what = type == 0x08 ? "unsigned bytes" : "element type " + nn::hex32(type).substr(8);
  what += ", " + std::to_string(dims) + (dims == 1 ? " dimension" : " dimensions");
  if (magic == kLabelsMagic) what += ": a labels file";
  if (magic == kImagesMagic) what += ": an images file";
  return what;
}

// Checks the magic number and the header, returns the dimension sizes.
std::vector<uint32_t> read_header(std::span<const uint8_t> bytes, const std::string& name, uint32_t magic,
                                  const char* what) {
  if (bytes.size() < 4)
    throw DataError(name + ": too short for an IDX file: need at least 4 bytes for the magic number, got " +
                    std::to_string(bytes.size()));
  const uint32_t got = read_be32(bytes, 0);
  if (got != magic)
    throw DataError(name + ": wrong magic number at byte offset 0: expected " + nn::hex32(magic) + " (" +
                    describe_magic(magic) + "), got " + nn::hex32(got) + " (" + describe_magic(got) + ")");
  const size_t dims = magic & 0xFF, header_size = 4 + 4 * dims;
  if (bytes.size() < header_size)
    throw DataError(name + ": truncated header: expected " + std::to_string(header_size) + " bytes (magic and " +
                    std::to_string(dims) + " sizes of " + what + "), got " + std::to_string(bytes.size()));
  std::vector<uint32_t> sizes(dims);
  for (size_t d = 0; d < dims; ++d) sizes[d] = read_be32(bytes, 4 + 4 * d);
  return sizes;
}

void check_size(const std::string& name, const char* what, uint32_t value, size_t offset, uint32_t max) {
  if (value == 0 || value > max)
    throw DataError(name + ": impossible " + what + " " + std::to_string(value) + " at byte offset " +
                    std::to_string(offset) + ": expected 1.." + std::to_string(max));
}

// The data must fill the file exactly: no missing bytes, no unexplained extra ones.
void check_length(std::span<const uint8_t> bytes, const std::string& name, uint64_t header_size, uint64_t items,
                  uint64_t item_size, const std::string& layout, const char* item_name) {
  const uint64_t expected = header_size + items * item_size;  // < 2^64: items and item_size are bounded
  const uint64_t got = bytes.size();
  const std::string head = name + ": expected " + std::to_string(expected) + " bytes (" + std::to_string(header_size) +
                           "-byte header + " + layout + "), got " + std::to_string(got);
  if (got < expected) {
    const uint64_t cut = (got - header_size) / item_size;
    throw DataError(head + ": truncated, " + item_name + " " + std::to_string(cut) + " is cut off at byte offset " +
                    std::to_string(got));
  }
  if (got > expected)
    throw DataError(head + ": oversized, " + std::to_string(got - expected) + " unexpected bytes from byte offset " +
                    std::to_string(expected));
}

// Pairs images with their labels: requires 28x28 images and one label per image (DataError naming
// both sources otherwise).
MnistSplit make_mnist_split(IdxImages images, std::vector<uint8_t> labels, const std::string& images_name,
                            const std::string& labels_name) {
  if (images.rows != kMnistSide || images.cols != kMnistSide)
    throw DataError(images_name + ": expected " + std::to_string(kMnistSide) + " x " + std::to_string(kMnistSide) +
                    " images, got " + std::to_string(images.rows) + " x " + std::to_string(images.cols));
  if (images.count != labels.size())
    throw DataError(images_name + " has " + std::to_string(images.count) + " images but " + labels_name + " has " +
                    std::to_string(labels.size()) + " labels: expected one label per image");
  return {std::move(images), std::move(labels)};
}

}  // namespace

IdxImages parse_idx_images(std::span<const uint8_t> bytes, const std::string& name) {
  const auto sizes = read_header(bytes, name, kImagesMagic, "count, rows, columns");
  check_size(name, "image count", sizes[0], 4, kIdxMaxItems);
  check_size(name, "number of rows", sizes[1], 8, kIdxMaxImageSide);
  check_size(name, "number of columns", sizes[2], 12, kIdxMaxImageSide);
  IdxImages images;
  images.count = sizes[0];
  images.rows = sizes[1];
  images.cols = sizes[2];
  const std::string layout =
      std::to_string(images.count) + " images x " + std::to_string(images.rows) + " x " + std::to_string(images.cols);
  check_length(bytes, name, 16, images.count, uint64_t{images.rows} * images.cols, layout, "image");
  images.pixels.assign(bytes.begin() + 16, bytes.end());
  return images;
}

std::vector<uint8_t> parse_idx_labels(std::span<const uint8_t> bytes, const std::string& name) {
  const auto sizes = read_header(bytes, name, kLabelsMagic, "count");
  check_size(name, "label count", sizes[0], 4, kIdxMaxItems);
  check_length(bytes, name, 8, sizes[0], 1, std::to_string(sizes[0]) + " labels", "label");
  std::vector<uint8_t> labels(bytes.begin() + 8, bytes.end());
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] > 9)
      throw DataError(name + ": label " + std::to_string(labels[i]) + " of item " + std::to_string(i) +
                      " at byte offset " + std::to_string(8 + i) + " is not a digit 0..9");
  return labels;
}

IdxImages read_idx_images(const std::string& path) { return parse_idx_images(read_file_bytes(path), path); }

std::vector<uint8_t> read_idx_labels(const std::string& path) { return parse_idx_labels(read_file_bytes(path), path); }

void MnistSplit::image_as_float(size_t i, std::span<float> out) const {
  const auto pixels = images.image(i);
  for (size_t k = 0; k < pixels.size(); ++k) out[k] = static_cast<float>(pixels[k]) * (1.0f / 255.0f);
}

MnistSplit parse_mnist_split(std::span<const uint8_t> images, std::span<const uint8_t> labels,
                             const std::string& name) {
  const std::string images_name = name + " images", labels_name = name + " labels";
  IdxImages parsed = parse_idx_images(images, images_name);  // its own statement: parsed before the labels
  return make_mnist_split(std::move(parsed), parse_idx_labels(labels, labels_name), images_name, labels_name);
}

MnistSplit load_mnist_split(const std::string& dir, const std::string& prefix) {
  const std::string images_path = dir + "/" + prefix + "-images-idx3-ubyte";
  const std::string labels_path = dir + "/" + prefix + "-labels-idx1-ubyte";
  // Images first, in its own statement: argument order is unspecified (GCC reads right to left), and
  // the error for a missing directory should name the images file every time.
  IdxImages images = read_idx_images(images_path);
  return make_mnist_split(std::move(images), read_idx_labels(labels_path), images_path, labels_path);
}

Mnist load_mnist(const std::string& dir) { return {load_mnist_split(dir, "train"), load_mnist_split(dir, "t10k")}; }

}  // namespace celab::data
