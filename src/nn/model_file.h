// The model file: a versioned binary format holding the architecture, the weights and the
// batch-norm running statistics, with a checksum. Bytes in, bytes out: reading and writing files
// is the caller's business (src/data/file_bytes.h).
//
// Layout, little-endian (version 1):
//   offset 0   8 bytes  magic "CELABNN\n"
//   offset 8   u32      format version (1)
//   offset 12  u32      body end E: the offset of the checksum
//   offset 16           architecture: u32 input channels, height, width, classes;
//                       f32 input mean, input std, batch-norm eps; u32 layer count, then per layer
//                       u8 kind (LayerKind), u8 name length, name, u32 in, out, kernel
//              then     u32 tensor count, then per tensor (Model::state() order):
//                       u8 name length, name, u8 rank, u32 dims[rank], f32 values[prod(dims)]
//   offset E   u32      CRC-32 of bytes [0, E); the file ends right after it (E + 4 bytes)
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "nn/model.h"

namespace celab::nn {

inline constexpr char kModelFileMagic[8] = {'C', 'E', 'L', 'A', 'B', 'N', 'N', '\n'};
inline constexpr uint32_t kModelFileVersion = 1;

// The bytes are not a model of this program's architecture and version. The message says what
// is wrong, where (byte offset) and expected vs got, e.g.
// "model file: checksum mismatch: stored 0x1234abcd at offset 54012, computed 0x9f00e1c2".
struct ModelFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<uint8_t> model_to_bytes(const Model& model);

// Checks everything (size, magic, version, checksum, architecture, tensor names and shapes,
// finite values) before returning a model; throws ModelFileError.
Model model_from_bytes(std::span<const uint8_t> bytes);

}  // namespace celab::nn
