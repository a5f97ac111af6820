// Base64 with the URL- and filename-safe alphabet (RFC 4648 section 5: A-Z a-z 0-9 - _), without
// padding: bytes as text that a URL fragment carries unescaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace celab::data {

std::string encode_base64url(const std::vector<uint8_t>& bytes);

// Throws DataError "<name>: ..." naming the first character that is not in the alphabet (and its
// position), a length no encoding has (4k + 1), or padding.
std::vector<uint8_t> decode_base64url(std::string_view text, const std::string& name);

}  // namespace celab::data
