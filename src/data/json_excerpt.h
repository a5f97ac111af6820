// JSON values quoted in error messages ("got [1,null]"): compact JSON, one line, at most
// kJsonExcerptLength characters ("..." marks a cut). Unlike nlohmann's dump(), which recurses once
// per level, it looks only kJsonExcerptDepth levels deep, so a file nested a million arrays deep
// gets an error message, not a stack overflow.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace celab::data {

inline constexpr size_t kJsonExcerptLength = 40;
inline constexpr int kJsonExcerptDepth = 16;

std::string json_excerpt(const nlohmann::json& value);

}  // namespace celab::data
