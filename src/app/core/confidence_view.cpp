#include "app/core/confidence_view.h"

#include <algorithm>

#include "nn/architecture.h"

namespace celab::app {

void ConfidenceView::set_digits(const data::MnistSplit* digits) {
  if (digits == digits_) return;
  digits_ = digits;
  figures_.reset();
  have_model_ = false;
  rows_done_ = 0;
  const auto n = digits ? static_cast<Eigen::Index>(digits->size()) : 0;
  labels_.assign(static_cast<size_t>(n), 0);
  pixels_.resize(n, nn::kInputSize);
  logits_.resize(n, nn::kClasses);
  for (Eigen::Index i = 0; i < n; ++i) {
    digits->image_as_float(static_cast<size_t>(i), {pixels_.row(i).data(), static_cast<size_t>(nn::kInputSize)});
    labels_[static_cast<size_t>(i)] = digits->labels[static_cast<size_t>(i)];
  }
}

bool ConfidenceView::update(const nn::Model& model, uint64_t model_version, bool model_is_training, double temperature,
                            bool finish) {
  const int rows = static_cast<int>(labels_.size());
  if (rows == 0) return false;
  const auto now = std::chrono::steady_clock::now();
  // As the batch card: a new model between two passes (while training, no more often than
  // kLiveRefreshSeconds), never in the middle of one, or frequent reports would starve it.
  const bool model_changed = !have_model_ || model_version != model_version_;
  const bool live_due =
      !model_is_training || std::chrono::duration<double>(now - model_taken_).count() >= kLiveRefreshSeconds;
  if (model_changed && (rows_done_ == 0 || finish || (rows_done_ == rows && live_due))) {
    model_ = model;
    model_->reserve(kRowsPerForward);
    model_version_ = model_version;
    have_model_ = true;
    model_taken_ = now;
    rows_done_ = 0;
  }
  bool pass_done = false;
  while (rows_done_ < rows) {
    const int n = std::min(kRowsPerForward, rows - rows_done_);
    logits_.middleRows(rows_done_, n) =
        model_->forward(pixels_.middleRows(rows_done_, n), nn::Mode::Eval).cast<double>();
    rows_done_ += n;
    pass_done = rows_done_ == rows;
    if (!finish) break;
  }
  if (rows_done_ < rows) return false;
  if (!pass_done && figures_ && temperature == temperature_) return false;
  temperature_ = temperature;
  compute_figures();
  return true;
}

void ConfidenceView::compute_figures() {
  ConfidenceFigures f;
  f.temperature = temperature_;
  if (!logits_.allFinite()) {  // a diverged model: no figures rather than an exception per frame
    figures_.reset();
    return;
  }
  f.calibration = nn::calibration(logits_, labels_, temperature_);
  if (labels_.size() >= 2) f.fit = nn::fit_temperature(logits_, labels_);  // a sample for each half
  f.confusion = nn::confusion_matrix(logits_, labels_);
  f.predicted = nn::predicted_classes(logits_);
  f.losses = nn::sample_losses(logits_, labels_, temperature_);
  figures_ = std::move(f);
}

std::vector<int64_t> ConfidenceView::cell(int label, int predicted) const {
  std::vector<int64_t> in_cell;
  const ConfidenceFigures& f = figures();
  for (size_t i = 0; i < labels_.size(); ++i)
    if (labels_[i] == label && f.predicted[i] == predicted) in_cell.push_back(static_cast<int64_t>(i));
  return nn::sorted_by_loss(f.losses, std::move(in_cell));
}

std::vector<int64_t> ConfidenceView::hardest(int64_t n) const { return nn::hardest(figures().losses, n); }

}  // namespace celab::app
