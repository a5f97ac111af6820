// The training card through window.celab, as JSON built here (next to state_report.h), so the report
// and the request are tested natively and the JavaScript copies no enum or field order:
//   training()             the report below
//   startTraining(options) apply_training_request
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/core/training_lab.h"

namespace celab::app {

// "idle" | "waiting for data" | "running" | "paused".
const char* training_status_name(TrainingStatus status);

// {running, status, steps, epochs, losses[], runningMeans[], testAccuracy (of the last evaluation, or
//  null), accuracies[{step, accuracy}], imagesPerSecond, dataReady, dataFraction, error (or null),
//  seed, options {fromScratch, seed, optimizer ("adam" | "sgd"), lr, batchSize, labelSmoothing}}:
// the options of the run under way, of the next run when there is none.
nlohmann::json training_report(const TrainingLab& lab);

// window.celab.startTraining({fromScratch, optimizer, lr, batchSize, seed, labelSmoothing}): the
// options given replace the card's (a new optimizer brings its default learning rate unless `lr` is
// given too), then the run starts or goes on, as the Start button. Returns "" when applied, else why
// not (nothing applied), e.g. "startTraining: optimizer 'rmsprop' is not 'adam' or 'sgd'".
std::string apply_training_request(TrainingLab& lab, const nlohmann::json& options);

}  // namespace celab::app
