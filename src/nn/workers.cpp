#include "nn/workers.h"

#include <chrono>
#include <stdexcept>
#include <string>

namespace celab::nn {

Workers::Workers(int threads) : threads_(threads) {
  if (threads < 1 || threads > 256)
    throw std::invalid_argument("thread count " + std::to_string(threads) + " is not in [1, 256]");
  shares_ = std::vector<Share>(static_cast<size_t>(threads));
  pool_.reserve(threads - 1);
  for (int w = 1; w < threads; ++w) pool_.emplace_back([this, w] { worker_loop(w); });
}

namespace {

// How long a thread spins before it sleeps. Waking a sleeper costs the waker a system call and the
// sleeper tens of microseconds before it runs (more in a virtual machine), while the serial gaps
// between a training step's runs (loss, optimizer, the fully connected layer) last up to about
// 150 us: spinning that long keeps both threads on the step. Timed by the clock, not by a count of
// pause instructions, whose length differs tenfold between processors.
constexpr auto kSpinTime = std::chrono::microseconds(150);

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Spins until done() or kSpinTime is over; returns done().
template <typename Done>
bool spin_until(const Done& done) {
  const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < 32; ++i) {
      if (done()) return true;
      relax();
    }
    if (std::chrono::steady_clock::now() >= deadline) return done();
  }
}

}  // namespace

Workers::~Workers() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : pool_) t.join();
}

void Workers::run_tasks(int worker) {
  for (int k = 0; k < threads_; ++k) {  // its own share first, then the next workers'
    Share& share = shares_[static_cast<size_t>((worker + k) % threads_)];
    for (int t = share.next.fetch_add(1, std::memory_order_relaxed); t < share.end;
         t = share.next.fetch_add(1, std::memory_order_relaxed))
      (*job_)(t, worker);
  }
}

void Workers::worker_loop(int worker) {
  uint64_t seen = 0;
  for (;;) {
    const auto started = [&] {
      return stop_.load(std::memory_order_acquire) || generation_.load(std::memory_order_acquire) != seen;
    };
    if (!spin_until(started)) {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, started);
    }
    if (stop_.load(std::memory_order_acquire)) return;
    seen = generation_.load(std::memory_order_acquire);
    run_tasks(worker);
    if (busy_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard lock(mutex_);  // the caller may be about to sleep on done_
      done_.notify_one();
    }
  }
}

void Workers::run(int tasks, FunctionRef<void(int, int)> fn) {
  if (tasks <= 0) return;
  if (threads_ == 1 || tasks == 1) {
    for (int t = 0; t < tasks; ++t) fn(t, 0);
    return;
  }
  std::lock_guard run_lock(run_mutex_);
  {
    std::lock_guard lock(mutex_);
    job_ = &fn;
    for (int w = 0; w < threads_; ++w) {
      Share& share = shares_[static_cast<size_t>(w)];
      share.next.store(static_cast<int>(int64_t{tasks} * w / threads_), std::memory_order_relaxed);
      share.end = static_cast<int>(int64_t{tasks} * (w + 1) / threads_);
    }
    busy_.store(threads_ - 1, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  run_tasks(0);
  const auto finished = [&] { return busy_.load(std::memory_order_acquire) == 0; };
  if (!spin_until(finished)) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, finished);
  }
  job_ = nullptr;
}
void Workers::for_each_chunk(int n, FunctionRef<void(int, SampleRange, int)> fn) {
  run(batch_chunk_count(n), [&](int chunk, int worker) { fn(chunk, batch_chunk(n, chunk), worker); });
}

}  // namespace celab::nn
