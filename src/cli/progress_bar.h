// One line of training progress on stderr, redrawn in place on a terminal and printed every
// tenth of an epoch otherwise (CI logs stay readable).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace celab::cli {

struct ProgressSnapshot {
  int epoch = 0, epochs = 0;
  size_t batch = 0, batches = 0;
  double running_loss = 0, running_accuracy = 0;  // over the epoch so far
  double images_per_second = 0;
  double eta_seconds = 0;  // for the whole run
};

class ProgressBar {
 public:
  explicit ProgressBar(FILE* out = stderr);
  void update(const ProgressSnapshot& s);
  void finish_line();  // ends the in-place line before other output

 private:
  FILE* out_;
  bool interactive_;
  size_t last_printed_tenth_ = static_cast<size_t>(-1);
  bool line_open_ = false;
};

std::string format_duration(double seconds);  // "1:05:09", "4:07"

}  // namespace celab::cli
