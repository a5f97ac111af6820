// What the confidence cards report of themselves through window.celab, as JSON (built and tested
// natively, as state_report.h): calibration(), confusion(), hardest(n), and the training card's
// past runs. Non-finite numbers are null.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "app/core/confidence_view.h"
#include "app/core/training_lab.h"

namespace celab::app {

// {bins: [{lo, hi, count, accuracy, confidence}] (15), ece, mce, nll, accuracy, count, temperature
//  (the page's, which the figures are at), fittedT, eceBefore, nllBefore, eceAfter, nllAfter (the
//  held-out half at T = 1 and at fittedT)}; null before the figures are ready.
nlohmann::json calibration_report(const ConfidenceView& view);

// 10 rows of 10 counts, row = label, column = prediction; null before the figures are ready.
nlohmann::json confusion_report(const ConfidenceView& view);

// [{index, label, predicted, loss}] of the n digits of highest loss; null before the figures are ready.
nlohmann::json hardest_report(const ConfidenceView& view, int64_t n);

// [{run, criterion, fromScratch, runningMeans, accuracies: [{step, accuracy, nll}]}], oldest first.
nlohmann::json past_runs_report(const TrainingLab& lab);

}  // namespace celab::app
