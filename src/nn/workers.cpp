#include "nn/workers.h"

#include <stdexcept>
#include <string>

namespace celab::nn {

Workers::Workers(int threads) : threads_(threads) {
  if (threads < 1 || threads > 256)
    throw std::invalid_argument("thread count " + std::to_string(threads) + " is not in [1, 256]");
  pool_.reserve(threads - 1);
  for (int w = 1; w < threads; ++w) pool_.emplace_back([this, w] { worker_loop(w); });
}

Workers::~Workers() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : pool_) t.join();
}

void Workers::run_share(int worker) {
  for (int t = worker; t < tasks_; t += threads_) (*job_)(t, worker);
}

void Workers::worker_loop(int worker) {
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    run_share(worker);
    {
      std::lock_guard lock(mutex_);
      if (--busy_ == 0) done_.notify_one();
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
    tasks_ = tasks;
    busy_ = threads_ - 1;
    ++generation_;
  }
  wake_.notify_all();
  run_share(0);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return busy_ == 0; });
  job_ = nullptr;
}

void Workers::for_each_chunk(int n, FunctionRef<void(int, SampleRange, int)> fn) {
  run(batch_chunk_count(n), [&](int chunk, int worker) { fn(chunk, batch_chunk(n, chunk), worker); });
}

}  // namespace celab::nn
