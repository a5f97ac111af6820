// Reader for golden cross-entropy files: cases computed by PyTorch, in the format of
// ../shared/golden/cross_entropy_cases.json (see its README.md and tests/golden/make_golden.py).
// Any file in that format works; errors name the file, the case and the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/file_bytes.h"
#include "nn/cross_entropy.h"

namespace celab::data {

enum class TargetKind { Index, Probs };

struct GoldenCase {
  std::string name;
  std::vector<int64_t> input_shape;
  std::vector<double> input;
  TargetKind target_kind = TargetKind::Index;
  std::vector<int64_t> target_shape;
  std::vector<int64_t> target_index;        // target_kind == Index
  std::vector<double> target_probs;         // target_kind == Probs
  nn::CrossEntropyOptions<double> options;  // weight empty: null in the file
  bool expect_error = false;
  std::string error_hint;  // PyTorch's message, when expect_error
  // PyTorch's results, when !expect_error:
  std::vector<int64_t> output_shape;
  std::vector<double> output;
  std::vector<double> grad_input;  // gradient of output.sum(), input's shape
};

struct GoldenFile {
  std::string source;     // the path it was read from
  std::string generator;  // "" when the file does not say
  std::vector<GoldenCase> cases;
};

// Reads and checks the structure of a golden file. Throws DataError, e.g.
// "cases.json: case 3 \"index_mean\": field \"input\": element 5 is \"x\", expected a number".
GoldenFile read_golden_cases(const std::string& path);

// The same from JSON text; `source` names it in error messages.
GoldenFile parse_golden_cases(const std::string& json_text, const std::string& source);

}  // namespace celab::data
