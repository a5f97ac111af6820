// CRC-32 (IEEE 802.3, as zlib and PNG): the model file's checksum.
#pragma once

#include <cstdint>
#include <span>

namespace celab::nn {

uint32_t crc32(std::span<const uint8_t> bytes);

}  // namespace celab::nn
