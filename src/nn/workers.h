// A tiny thread pool that splits a batch across T threads, a run per pass over the batch (the
// model gathers the passes of consecutive layers into one run, model.h).
//
// Results do not depend on T: a batch of N samples is cut into a fixed set of chunks that depends
// only on N (batch_chunks), each chunk is computed the same way whichever thread runs it, and sums
// over chunks (batch-norm statistics, weight gradients) are added in chunk order afterwards.
// With T = 1 no thread is ever started (the WebAssembly page runs without pthreads).
// A training step hands the pool about a dozen short runs (0.1-1 ms each), so the hand-over must be
// quick: waiting threads spin on an atomic (up to 150 us, workers.cpp) before they sleep on a
// condition variable, and so does the caller waiting for the others to finish.
// Each worker has a home share of a run's tasks, the same share in every run of that many tasks, so
// a chunk of samples stays on one core from layer to layer and its activations in that core's cache;
// a worker done with its own share takes what is left of the others' (a late waker loses no time).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace celab::nn {

// A non-owning reference to a callable, so handing a lambda to the pool never allocates.
template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef>)
      FunctionRef(F&& f)  // NOLINT: implicit on purpose, like std::function
      : object_(const_cast<void*>(static_cast<const void*>(&f))), call_([](void* o, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

// Samples [begin, end) of a batch.
struct SampleRange {
  int begin = 0, end = 0;
};

// The fixed partition of a batch of n samples into at most kMaxBatchChunks near-equal chunks.
constexpr int kMaxBatchChunks = 16;
inline int batch_chunk_count(int n) { return n < kMaxBatchChunks ? n : kMaxBatchChunks; }
inline SampleRange batch_chunk(int n, int chunk) {
  const int count = batch_chunk_count(n);
  return {static_cast<int>(int64_t{n} * chunk / count), static_cast<int>(int64_t{n} * (chunk + 1) / count)};
}

class Workers {
 public:
  explicit Workers(int threads = 1);  // threads >= 1; the caller's thread is one of them
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  int threads() const { return threads_; }

  // Calls fn(task, worker) for every task in [0, tasks), worker in [0, threads()), and returns when
  // all are done. Which worker runs a task is not fixed: each runs its home share in order, then takes
  // tasks not yet taken from the others' shares, so a thread that wakes late runs fewer (results must
  // depend on the task, never on the worker: `worker` selects scratch memory only). Calls from several
  // threads are serialised.
  void run(int tasks, FunctionRef<void(int task, int worker)> fn);

  // run() over the chunks of a batch of n samples: fn(chunk, range, worker).
  void for_each_chunk(int n, FunctionRef<void(int chunk, SampleRange range, int worker)> fn);

 private:
  void worker_loop(int worker);
  void run_tasks(int worker);

  int threads_;
  std::vector<std::thread> pool_;
  std::mutex run_mutex_;  // one run() at a time
  std::mutex mutex_;      // with the condition variables, for sleeping
  std::condition_variable wake_, done_;
  FunctionRef<void(int, int)>* job_ = nullptr;
  // Worker w's home share of the current run: tasks [next, end), next taken by whoever runs it. On
  // separate cache lines, so the workers taking tasks do not slow each other.
  struct alignas(64) Share {
    std::atomic<int> next{0};
    int end = 0;
  };
  std::vector<Share> shares_;
  std::atomic<uint64_t> generation_{0};  // one more per run(): the workers' signal to start
  std::atomic<int> busy_{0};             // workers still in the current run
  std::atomic<bool> stop_{false};
};

}  // namespace celab::nn
