// Whole-file reads with errors that name the file: the one way data files enter the program.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace celab::data {

// Any problem with an input file; the message starts with the file's path.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads all of `path`. Throws DataError ("<path>: cannot open: <reason>") on failure.
// `max_bytes` guards against handing a huge file to a parser that expects a small one.
std::vector<uint8_t> read_file_bytes(const std::string& path, uint64_t max_bytes = uint64_t{1} << 31);

std::string read_file_text(const std::string& path, uint64_t max_bytes = uint64_t{1} << 31);

// Writes `bytes` to `path` through a temporary file renamed over it, so an interrupted write
// never leaves a half-written file where a good one was.
void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace celab::data
