#include "data/file_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace celab::data {

std::vector<uint8_t> read_file_bytes(const std::string& path, uint64_t max_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw DataError(path + ": cannot open: " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f.get())) > 0) {
    if (bytes.size() + n > max_bytes)
      throw DataError(path + ": file is larger than the " + std::to_string(max_bytes) + " bytes expected");
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  if (std::ferror(f.get())) throw DataError(path + ": read error: " + std::strerror(errno));
  return bytes;
}

std::string read_file_text(const std::string& path, uint64_t max_bytes) {
  const auto bytes = read_file_bytes(path, max_bytes);
  return std::string(bytes.begin(), bytes.end());
}

void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  const std::string temp = path + ".tmp";
  {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(temp.c_str(), "wb"), &std::fclose);
    if (!f) throw DataError(temp + ": cannot create: " + std::strerror(errno));
    if (std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size() || std::fflush(f.get()) != 0)
      throw DataError(temp + ": write error: " + std::strerror(errno));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw DataError(path + ": cannot replace with " + temp + ": " + reason);
  }
}

}  // namespace celab::data
