// Counts heap allocations (malloc, calloc, realloc; operator new and Eigen both end in malloc)
// made by any thread while a MallocCounter is alive. Works by interposing glibc's malloc in the
// test binary; elsewhere (or under a sanitizer, which interposes malloc itself) available() is false.
#pragma once

#include <cstdint>

namespace celab::testing {

class MallocCounter {
 public:
  MallocCounter();
  ~MallocCounter();
  MallocCounter(const MallocCounter&) = delete;
  MallocCounter& operator=(const MallocCounter&) = delete;

  int64_t count() const;
  static bool available();
};

}  // namespace celab::testing
