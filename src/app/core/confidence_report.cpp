#include "app/core/confidence_report.h"

#include "nn/criterion.h"

namespace celab::app {

nlohmann::json calibration_report(const ConfidenceView& view) {
  if (!view.ready()) return nullptr;
  const ConfidenceFigures& f = view.figures();
  nlohmann::json bins = nlohmann::json::array();
  for (const nn::ReliabilityBin& b : f.calibration.bins)
    bins.push_back(
        {{"lo", b.lo}, {"hi", b.hi}, {"count", b.count}, {"accuracy", b.accuracy}, {"confidence", b.confidence}});
  return {{"bins", bins},
          {"ece", f.calibration.ece},
          {"mce", f.calibration.mce},
          {"nll", f.calibration.nll},
          {"accuracy", f.calibration.accuracy},
          {"count", f.calibration.count},
          {"temperature", f.temperature},
          {"fittedT", f.fit.temperature},
          {"eceBefore", f.fit.held_out_before.ece},
          {"nllBefore", f.fit.held_out_before.nll},
          {"eceAfter", f.fit.held_out_after.ece},
          {"nllAfter", f.fit.held_out_after.nll}};
}

nlohmann::json confusion_report(const ConfidenceView& view) {
  if (!view.ready()) return nullptr;
  const auto& m = view.figures().confusion;
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json hardest_report(const ConfidenceView& view, int64_t n) {
  if (!view.ready()) return nullptr;
  const ConfidenceFigures& f = view.figures();
  nlohmann::json list = nlohmann::json::array();
  for (const int64_t i : view.hardest(n)) {
    const auto k = static_cast<size_t>(i);
    list.push_back({{"index", i}, {"label", view.labels()[k]}, {"predicted", f.predicted[k]}, {"loss", f.losses[k]}});
  }
  return list;
}

nlohmann::json past_runs_report(const TrainingLab& lab) {
  nlohmann::json runs = nlohmann::json::array();
  for (const PastRun& r : lab.past_runs()) {
    nlohmann::json accuracies = nlohmann::json::array();
    for (const AccuracyPoint& a : r.accuracies)
      accuracies.push_back({{"step", a.step}, {"accuracy", a.accuracy}, {"nll", a.nll}});
    runs.push_back({{"run", r.run},
                    {"criterion", nn::criterion_name(r.options.criterion)},
                    {"fromScratch", r.options.from_scratch},
                    {"runningMeans", r.running_means},
                    {"accuracies", accuracies}});
  }
  return runs;
}

}  // namespace celab::app
