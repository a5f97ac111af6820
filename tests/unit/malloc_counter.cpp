#include "malloc_counter.h"

#include <atomic>
#include <cstddef>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define CELAB_COUNT_MALLOC 1
#endif

namespace {
std::atomic<bool> g_counting{false};
std::atomic<int64_t> g_count{0};
}  // namespace

#ifdef CELAB_COUNT_MALLOC
namespace {
void note() {
  if (g_counting.load(std::memory_order_relaxed)) g_count.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

// glibc's own entry points: the definitions below forward to them, so memory from either side
// can be freed by the other (posix_memalign and friends are left to glibc and not counted).
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);

void* malloc(size_t n) {
  note();
  return __libc_malloc(n);
}
void* calloc(size_t count, size_t n) {
  note();
  return __libc_calloc(count, n);
}
void* realloc(void* p, size_t n) {
  note();
  return __libc_realloc(p, n);
}
void free(void* p) { __libc_free(p); }
}
#endif

namespace celab::testing {

MallocCounter::MallocCounter() {
  g_count = 0;
  g_counting = true;
}
MallocCounter::~MallocCounter() { g_counting = false; }
int64_t MallocCounter::count() const { return g_count.load(); }

bool MallocCounter::available() {
#ifdef CELAB_COUNT_MALLOC
  return true;
#else
  return false;
#endif
}

}  // namespace celab::testing
