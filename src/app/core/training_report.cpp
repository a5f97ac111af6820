#include "app/core/training_report.h"

#include <cmath>
#include <cstdint>

#include "app/core/confidence_report.h"
#include "nn/criterion.h"

namespace celab::app {
namespace {

// True with `value` when the request gives `key` as a finite number; false when it is absent or not a
// number (then `error` says so, unless it holds an earlier error).
bool read_number(const nlohmann::json& options, const char* key, double& value, std::string& error) {
  const auto it = options.find(key);
  if (it == options.end() || it->is_null()) return false;
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    if (error.empty()) error = std::string("startTraining: ") + key + " " + it->dump() + " is not a number";
    return false;
  }
  value = it->get<double>();
  return true;
}

}  // namespace

const char* training_status_name(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Idle: return "idle";
    case TrainingStatus::WaitingForData: return "waiting for data";
    case TrainingStatus::Running: return "running";
    case TrainingStatus::Paused: return "paused";
  }
  return "idle";
}

nlohmann::json training_report(const TrainingLab& lab) {
  nlohmann::json accuracies = nlohmann::json::array();
  for (const AccuracyPoint& a : lab.accuracies()) accuracies.push_back({{"step", a.step}, {"accuracy", a.accuracy}, {"nll", a.nll}});
  const TrainingOptions& o = lab.has_run() ? lab.run_options() : lab.options();
  const nlohmann::json options = {
      {"fromScratch", o.from_scratch},
      {"seed", o.seed},
      {"optimizer", nn::optimizer_name(o.optimizer.kind)},
      {"lr", o.optimizer.lr},
      {"batchSize", o.batch_size},
      {"labelSmoothing", o.label_smoothing},
      {"criterion", nn::criterion_name(o.criterion)},
  };
  return {
      {"running", lab.running()},
      {"status", training_status_name(lab.status())},
      {"steps", lab.steps()},
      {"epochs", lab.epochs()},
      {"losses", lab.losses()},
      {"runningMeans", lab.running_means()},
      {"testAccuracy",
       lab.accuracies().empty() ? nlohmann::json(nullptr) : nlohmann::json(lab.accuracies().back().accuracy)},
      {"testNll", lab.accuracies().empty() ? nlohmann::json(nullptr) : nlohmann::json(lab.accuracies().back().nll)},
      {"accuracies", accuracies},
      {"imagesPerSecond", lab.images_per_second()},
      {"dataReady", lab.data_status() == DataStatus::Ready},
      {"dataFraction", lab.data_fraction()},
      {"dataNeedsNetwork", lab.data_needs_network()},
      {"error", lab.error().empty() ? nlohmann::json(nullptr) : nlohmann::json(lab.error())},
      {"seed", o.seed},
      {"options", options},
      {"pastRuns", past_runs_report(lab)},
  };
}

std::string apply_training_request(TrainingLab& lab, const nlohmann::json& options) {
  if (!options.is_object()) return "startTraining: the options must be an object, not " + options.dump();
  std::string error;
  TrainingOptions o = lab.options();
  if (const auto it = options.find("fromScratch"); it != options.end() && !it->is_null()) {
    o.from_scratch = it->is_boolean() ? it->get<bool>() : !(it->is_number() && it->get<double>() == 0);
  }
  if (const auto it = options.find("optimizer"); it != options.end() && !it->is_null()) {
    bool known = false;
    for (const nn::OptimizerKind kind : {nn::OptimizerKind::Adam, nn::OptimizerKind::Sgd}) {
      if (!it->is_string() || it->get<std::string>() != nn::optimizer_name(kind)) continue;
      known = true;
      if (kind != o.optimizer.kind) o.optimizer.lr = TrainingOptions::default_learning_rate(kind);
      o.optimizer.kind = kind;
    }
    if (!known) {
      return "startTraining: optimizer " + it->dump() + " is not '" + nn::optimizer_name(nn::OptimizerKind::Adam) +
             "' or '" + nn::optimizer_name(nn::OptimizerKind::Sgd) + "'";
    }
  }
  if (const auto it = options.find("criterion"); it != options.end() && !it->is_null()) {
    if (!it->is_string()) return "startTraining: criterion " + it->dump() + " is not a name";
    try {
      o.criterion = nn::parse_criterion(it->get<std::string>());
    } catch (const nn::LossError& e) {
      return std::string("startTraining: ") + e.what();
    }
  }
  double value = 0;
  if (read_number(options, "lr", value, error)) o.optimizer.lr = value;
  if (read_number(options, "batchSize", value, error)) o.batch_size = static_cast<int>(value);
  if (read_number(options, "seed", value, error)) o.seed = static_cast<uint64_t>(value);
  if (read_number(options, "labelSmoothing", value, error)) o.label_smoothing = value;
  if (!error.empty()) return error;
  lab.edit_options() = o;
  lab.sync();
  lab.start();
  return "";
}

}  // namespace celab::app
