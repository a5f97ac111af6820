// libFuzzer target: the model file reader (src/nn/model_file.h, model_from_bytes) on arbitrary
// bytes. Each input is read twice: as it is, and with its checksum made right, so that mutations
// of the body reach the architecture, tensor and value checks behind the CRC-32 instead of all
// stopping at "checksum mismatch". A file it accepts must be the canonical form of the model it
// holds: model_to_bytes gives back exactly the same bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "fuzz_check.h"
#include "nn/crc32.h"
#include "nn/model_file.h"

using celab::fuzz::require;
using celab::fuzz::returns_or_throws;
using celab::nn::ModelFileError;

namespace {

constexpr size_t kBodyEndOffset = 12;  // u32, little-endian: where the checksum sits

// The same bytes with the CRC-32 of [0, body end) stored at body end, when the file is long
// enough to hold a checksum there; otherwise unchanged.
std::vector<uint8_t> with_right_checksum(std::span<const uint8_t> bytes) {
  std::vector<uint8_t> fixed(bytes.begin(), bytes.end());
  if (fixed.size() < kBodyEndOffset + 4) return fixed;
  uint32_t body_end = 0;
  for (int i = 0; i < 4; ++i) body_end |= uint32_t{fixed[kBodyEndOffset + i]} << (8 * i);
  if (uint64_t{body_end} + 4 > fixed.size()) return fixed;
  const uint32_t crc = celab::nn::crc32(std::span(fixed).first(body_end));
  for (int i = 0; i < 4; ++i) fixed[body_end + i] = static_cast<uint8_t>(crc >> (8 * i));
  return fixed;
}

void read(std::span<const uint8_t> bytes) {
  std::optional<celab::nn::Model> model;
  if (returns_or_throws<ModelFileError>([&] { model.emplace(celab::nn::model_from_bytes(bytes)); }, "model file"))
    require(celab::nn::model_to_bytes(*model) == std::vector<uint8_t>(bytes.begin(), bytes.end()),
            "an accepted model file is not what model_to_bytes writes for the model read from it");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  read(bytes);
  read(with_right_checksum(bytes));
  return 0;
}
