// The thread pool: every task runs once per run, on some worker, whatever the thread count; runs
// follow each other without losing or repeating a task.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <vector>

#include "nn/workers.h"

namespace celab::nn {
namespace {

TEST(Workers, EveryTaskRunsOnceOnAValidWorker) {
  for (int threads : {1, 2, 3, 5}) {
    Workers workers(threads);
    for (int tasks : {0, 1, 2, 7, 16, 100}) {
      for (int round = 0; round < 50; ++round) {
        std::vector<std::atomic<int>> runs(static_cast<size_t>(tasks));
        std::atomic<bool> bad_worker{false};
        workers.run(tasks, [&](int task, int worker) {
          runs[static_cast<size_t>(task)].fetch_add(1);
          if (worker < 0 || worker >= threads) bad_worker = true;
        });
        for (int t = 0; t < tasks; ++t)
          ASSERT_EQ(runs[static_cast<size_t>(t)].load(), 1) << "task " << t << " of " << tasks << ", " << threads
                                                            << " threads, round " << round;
        ASSERT_FALSE(bad_worker) << threads << " threads";
      }
    }
  }
}

TEST(Workers, ChunksCoverTheBatchInOrder) {
  for (int n : {1, 3, 15, 16, 17, 64, 256}) {
    int expected_begin = 0;
    for (int c = 0; c < batch_chunk_count(n); ++c) {
      const SampleRange r = batch_chunk(n, c);
      EXPECT_EQ(r.begin, expected_begin) << "n " << n << ", chunk " << c;
      EXPECT_LT(r.begin, r.end) << "n " << n << ", chunk " << c;
      expected_begin = r.end;
    }
    EXPECT_EQ(expected_begin, n);
  }
}

}  // namespace
}  // namespace celab::nn
