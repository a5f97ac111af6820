#include "app/core/batch_report.h"

#include <cstddef>
#include <vector>

namespace celab::app {

nlohmann::json batch_report(const BatchView& batch) {
  const nn::LossBreakdown& breakdown = batch.breakdown();
  const nn::CrossEntropyOptions<double>& options = batch.options();
  nlohmann::json ignored = nlohmann::json::array(), logits = nlohmann::json::array();
  for (int r = 0; r < batch.rows(); ++r) {
    ignored.push_back(batch.ignored(r));
    std::vector<double> row(static_cast<size_t>(batch.logits().cols()));
    for (size_t k = 0; k < row.size(); ++k) row[k] = batch.logits()(r, static_cast<Eigen::Index>(k));
    logits.push_back(row);
  }
  return {
      {"labels", batch.labels()},
      {"targets", batch.targets()},
      {"ignored", ignored},
      {"lossNone", breakdown.row_loss},
      {"logits", logits},
      {"lossMean", breakdown.mean},
      {"lossSum", breakdown.sum},
      {"meanDivisor", breakdown.mean_divisor},
      {"labelSmoothing", options.label_smoothing},
      {"weights", options.weighted() ? nlohmann::json(options.weight) : nlohmann::json(nullptr)},
      {"criterion", nn::criterion_text(options)},
  };
}

}  // namespace celab::app
