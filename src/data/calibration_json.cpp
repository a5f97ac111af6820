#include "data/calibration_json.h"

namespace celab::data {

nlohmann::json calibration_json(const nn::Calibration& all, const nn::TemperatureFit& fit) {
  nlohmann::json bins = nlohmann::json::array();
  for (const nn::ReliabilityBin& b : all.bins)
    bins.push_back(
        {{"lo", b.lo}, {"hi", b.hi}, {"count", b.count}, {"accuracy", b.accuracy}, {"confidence", b.confidence}});
  return {{"count", all.count},
          {"accuracy", all.accuracy},
          {"nll", all.nll},
          {"ece", all.ece},
          {"mce", all.mce},
          {"bins", std::move(bins)},
          {"fittedT", fit.temperature},
          {"nllBefore", fit.held_out_before.nll},
          {"nllAfter", fit.held_out_after.nll},
          {"eceBefore", fit.held_out_before.ece},
          {"eceAfter", fit.held_out_after.ece}};
}

}  // namespace celab::data
