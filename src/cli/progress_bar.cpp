#include "cli/progress_bar.h"

#include <unistd.h>

#include <cmath>

namespace celab::cli {

ProgressBar::ProgressBar(FILE* out) : out_(out), interactive_(isatty(fileno(out)) != 0) {}

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

void ProgressBar::update(const ProgressSnapshot& s) {
  const size_t tenth = s.batches ? s.batch * 10 / s.batches : 0;
  if (!interactive_ && tenth == last_printed_tenth_ && s.batch != s.batches) return;
  last_printed_tenth_ = tenth;

  constexpr int kWidth = 24;
  const int filled = s.batches ? static_cast<int>(kWidth * s.batch / s.batches) : 0;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(out_, "%sepoch %d/%d [%s] batch %zu/%zu  loss %.4f  acc %.2f%%  %.0f img/s  ETA %s%s",
               interactive_ ? "\r" : "", s.epoch, s.epochs, bar.c_str(), s.batch, s.batches, s.running_loss,
               100.0 * s.running_accuracy, s.images_per_second, format_duration(s.eta_seconds).c_str(),
               interactive_ ? "\033[K" : "\n");
  std::fflush(out_);
  line_open_ = interactive_;
}

void ProgressBar::finish_line() {
  if (line_open_) std::fputc('\n', out_);
  line_open_ = false;
}

}  // namespace celab::cli
