// The model file: round trip, and a clear ModelFileError for every kind of bad file.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "nn/architecture.h"
#include "nn/crc32.h"
#include "nn/model_file.h"

namespace celab::nn {
namespace {

using Bytes = std::vector<uint8_t>;

uint32_t get_u32(const Bytes& b, size_t at) {
  return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
}
void put_u32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}
// Recomputes the checksum, so that a deliberate edit reaches the checks behind it.
void fix_checksum(Bytes& b) {
  const uint32_t end = get_u32(b, 12);
  put_u32(b, end, crc32(std::span<const uint8_t>(b).first(end)));
}
// Offset of the first occurrence of a length-prefixed name.
size_t find_name(const Bytes& b, const std::string& name) {
  Bytes needle{static_cast<uint8_t>(name.size())};
  needle.insert(needle.end(), name.begin(), name.end());
  const auto it = std::search(b.begin(), b.end(), needle.begin(), needle.end());
  EXPECT_NE(it, b.end()) << name;
  return static_cast<size_t>(it - b.begin());
}

std::vector<float> state_values(const Model& m) {
  std::vector<float> out;
  for (const ConstStateTensor& t : m.state()) out.insert(out.end(), t.value.begin(), t.value.end());
  return out;
}

Model trained_a_little() {
  Model model(5);
  RowMatrix<float> x(8, kInputSize);
  Rng rng(6);
  for (float& v : x.reshaped()) v = static_cast<float>(rng.uniform());
  model.forward(x, Mode::Train);  // running statistics move off (0, 1)
  return model;
}

void expect_error(const Bytes& bytes, const std::string& message) {
  try {
    model_from_bytes(bytes);
    FAIL() << "no error, expected: " << message;
  } catch (const ModelFileError& e) {
    EXPECT_EQ(std::string(e.what()), "model file: " + message);
  }
}

TEST(Crc32, KnownValues) {
  const std::string check = "123456789";
  EXPECT_EQ(crc32({reinterpret_cast<const uint8_t*>(check.data()), check.size()}), 0xCBF43926u);
  EXPECT_EQ(crc32({}), 0u);
}

TEST(ModelFile, RoundTripKeepsEveryWeightAndStatistic) {
  const Model original = trained_a_little();
  const Bytes bytes = model_to_bytes(original);
  Model loaded = model_from_bytes(bytes);
  EXPECT_EQ(state_values(loaded), state_values(original));
  EXPECT_EQ(model_to_bytes(loaded), bytes);
  // Header + architecture + tensors (name, rank, dims, values) + checksum: the weights dominate.
  size_t floats = 0;
  for (const ConstStateTensor& t : original.state()) floats += t.value.size();
  EXPECT_GT(bytes.size(), 4 * floats);
  EXPECT_LT(bytes.size(), 4 * floats + 1024);
  EXPECT_LE(bytes.size(), 400u * 1024) << "the assets limit";
}

TEST(ModelFile, RejectsWrongMagic) {
  Bytes bytes = model_to_bytes(Model(1));
  const Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::copy(png.begin(), png.end(), bytes.begin());
  expect_error(bytes,
               "not a celab model: the magic at offset 0 is 89504e470d0a1a0a (hex), expected "
               "43454c41424e4e0a (\"CELABNN\\n\")");
}

TEST(ModelFile, RejectsOtherVersions) {
  Bytes bytes = model_to_bytes(Model(1));
  put_u32(bytes, 8, 2);
  expect_error(bytes, "format version 2 at offset 8 is not supported, expected 1");
}

TEST(ModelFile, RejectsTruncatedFiles) {
  const Bytes bytes = model_to_bytes(Model(1));
  expect_error(Bytes(bytes.begin(), bytes.begin() + 10), "truncated: 10 bytes, the header alone is 16");
  expect_error(Bytes(bytes.begin(), bytes.end() - 100), "truncated: the header (offset 12) says " +
                                                            std::to_string(bytes.size()) + " bytes, the file has " +
                                                            std::to_string(bytes.size() - 100));
  expect_error({}, "truncated: 0 bytes, the header alone is 16");
}

TEST(ModelFile, RejectsTrailingBytes) {
  Bytes bytes = model_to_bytes(Model(1));
  const size_t size = bytes.size();
  bytes.insert(bytes.end(), {1, 2, 3});
  expect_error(bytes, "3 trailing bytes after the checksum, from offset " + std::to_string(size));
}

TEST(ModelFile, RejectsCorruptedBytes) {
  Bytes bytes = model_to_bytes(Model(1));
  const size_t weight = find_name(bytes, "conv2.weight") + 1 + 12 + 1 + 16 + 4 * 7;  // conv2.weight[7]
  bytes[weight] ^= 0x10;
  const uint32_t end = get_u32(bytes, 12);
  char computed[16];
  std::snprintf(computed, sizeof computed, "0x%08x", crc32(std::span<const uint8_t>(bytes).first(end)));
  char stored[16];
  std::snprintf(stored, sizeof stored, "0x%08x", get_u32(bytes, end));
  expect_error(bytes, "checksum mismatch: stored " + std::string(stored) + " at offset " + std::to_string(end) +
                          ", computed " + computed + " (the file is corrupted)");
}

TEST(ModelFile, RejectsAnotherArchitecture) {
  Bytes bytes = model_to_bytes(Model(1));
  const size_t conv2 = find_name(bytes, "conv2") - 1;  // the layer record starts at its kind byte
  put_u32(bytes, conv2 + 1 + 6 + 4, 17);               // out channels 16 -> 17
  fix_checksum(bytes);
  expect_error(bytes, "architecture mismatch: layer 4 at offset " + std::to_string(conv2) +
                          " is Conv2d 'conv2' 8->17 k3, this program's model has Conv2d 'conv2' 8->16 k3");

  bytes = model_to_bytes(Model(1));
  put_u32(bytes, 16 + 4, 32);  // input height
  fix_checksum(bytes);
  expect_error(bytes, "architecture mismatch: input height at offset 20 is 32, this program's model has 28");
}

TEST(ModelFile, RejectsRenamedOrReshapedTensors) {
  Bytes bytes = model_to_bytes(Model(1));
  const size_t at = find_name(bytes, "bn1.bias");
  bytes[at + 8] = 'z';
  fix_checksum(bytes);
  expect_error(bytes, "tensor at offset " + std::to_string(at) + " is 'bn1.biaz' (8), expected 'bn1.bias' (8)");
}

TEST(ModelFile, RejectsNonFiniteValues) {
  for (const float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity()}) {
    Bytes bytes = model_to_bytes(Model(1));
    const size_t value = find_name(bytes, "fc.bias") + 1 + 7 + 1 + 4 + 4 * 3;  // fc.bias[3]
    put_u32(bytes, value, std::bit_cast<uint32_t>(bad));
    fix_checksum(bytes);
    const std::string what = std::isnan(bad) ? "NaN" : bad > 0 ? "+inf" : "-inf";
    expect_error(bytes, "fc.bias[3] at offset " + std::to_string(value) + " is " + what);
  }
}

TEST(ModelFile, RejectsABodyThatEndsEarly) {
  // A consistent header and checksum around a body cut short: the reader names the field it missed.
  Bytes bytes = model_to_bytes(Model(1));
  const uint32_t cut = find_name(bytes, "fc.bias") + 3;
  bytes.resize(cut);
  put_u32(bytes, 12, cut);
  bytes.resize(cut + 4);
  fix_checksum(bytes);
  expect_error(bytes, "truncated tensor name: needs 7 bytes at offset " + std::to_string(cut - 2) +
                          ", the body ends at offset " + std::to_string(cut));
}

}  // namespace
}  // namespace celab::nn
