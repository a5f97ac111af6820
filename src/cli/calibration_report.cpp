#include "cli/calibration_report.h"

#include <cstdarg>
#include <cstdio>

namespace celab::cli {
namespace {

// printf into a std::string.
__attribute__((format(printf, 2, 3))) void append(std::string& out, const char* format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(line, sizeof line, format, args);
  va_end(args);
  out += line;
}

}  // namespace

std::string format_calibration(const nn::Calibration& all, const nn::TemperatureFit& fit) {
  std::string out;
  append(out, "reliability: %d equal-width confidence bins (confidence = largest probability)\n", nn::kReliabilityBins);
  append(out, "%-16s %7s %9s %11s %7s\n", "confidence", "count", "accuracy", "confidence", "gap");
  for (const nn::ReliabilityBin& b : all.bins) {
    char range[32];
    std::snprintf(range, sizeof range, "(%.3f, %.3f]", b.lo, b.hi);
    if (b.count == 0)
      append(out, "%-16s %7lld %9s %11s %7s\n", range, 0LL, "-", "-", "-");
    else
      append(out, "%-16s %7lld %9.4f %11.4f %7.4f\n", range, static_cast<long long>(b.count), b.accuracy, b.confidence,
             b.gap());
  }
  append(out, "samples: %lld\n", static_cast<long long>(all.count));
  append(out, "accuracy: %.4f\n", all.accuracy);
  append(out, "NLL (mean cross-entropy, nats): %.6f\n", all.nll);
  append(out, "ECE (expected calibration error): %.6f\n", all.ece);
  append(out, "MCE (largest bin gap): %.6f\n", all.mce);
  append(out, "temperature fitted on the even-indexed half (%lld samples): T = %.4f (its NLL %.6f -> %.6f)\n",
         static_cast<long long>(all.count - fit.held_out_before.count), fit.temperature, fit.fit_nll_before,
         fit.fit_nll_after);
  append(out, "held-out odd-indexed half (%lld samples), T = 1 -> T = %.4f:\n",
         static_cast<long long>(fit.held_out_before.count), fit.temperature);
  append(out, "  NLL %.6f -> %.6f\n", fit.held_out_before.nll, fit.held_out_after.nll);
  append(out, "  ECE %.6f -> %.6f\n", fit.held_out_before.ece, fit.held_out_after.ece);
  append(out, "  MCE %.6f -> %.6f\n", fit.held_out_before.mce, fit.held_out_after.mce);
  return out;
}

std::string format_hardest(std::span<const int64_t> order, std::span<const int64_t> labels,
                           std::span<const int64_t> predicted, std::span<const double> losses) {
  std::string out;
  append(out, "%5s %6s %6s %10s %10s\n", "rank", "index", "label", "predicted", "loss");
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const auto i = static_cast<size_t>(order[rank]);
    append(out, "%5zu %6zu %6lld %10lld %10.4f%s\n", rank + 1, i, static_cast<long long>(labels[i]),
           static_cast<long long>(predicted[i]), losses[i], labels[i] == predicted[i] ? "" : "  <- wrong");
  }
  return out;
}

}  // namespace celab::cli
