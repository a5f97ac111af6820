#include "app/core/batch_view.h"

#include <algorithm>
#include <numeric>

#include "data/model_input.h"
#include "nn/architecture.h"

namespace celab::app {

void BatchView::set_digits(const data::MnistSplit* digits) {
  if (digits == digits_) return;
  digits_ = digits;
  sampler_ = digits ? std::make_unique<data::BatchSampler>(digits->size(), seed_) : nullptr;
  indices_.clear();
  labels_.clear();
  ignored_.clear();
  breakdown_.reset();
  ++batch_version_;
}

void BatchView::set_size(int size) { size_ = std::clamp(size, kMinSize, kMaxSize); }

void BatchView::new_batch() {
  if (!sampler_) return;
  const auto next = sampler_->next(static_cast<size_t>(size_));
  indices_.assign(next.begin(), next.end());
  labels_.resize(indices_.size());
  pixels_.resize(static_cast<Eigen::Index>(indices_.size()), nn::kInputSize);
  data::read_batch(*digits_, indices_, {pixels_.data(), static_cast<size_t>(pixels_.size())}, labels_);
  ignored_.assign(indices_.size(), 0);
  logits_.resize(static_cast<Eigen::Index>(indices_.size()), nn::kClasses);
  rows_done_ = 0;
  breakdown_.reset();
  ++batch_version_;
}

void BatchView::toggle_ignore(int row) {
  if (row < 0 || row >= rows()) return;
  ignored_[static_cast<size_t>(row)] ^= 1;
  if (breakdown_) recompute_breakdown();
}

std::vector<int64_t> BatchView::targets() const {
  std::vector<int64_t> t = labels_;
  for (size_t i = 0; i < t.size(); ++i)
    if (ignored_[i]) t[i] = kIgnoreIndex;
  return t;
}

bool BatchView::update(const nn::Model& model, uint64_t model_version, bool model_is_training,
                       const nn::CrossEntropyOptions<double>& options, bool finish) {
  if (!has_batch()) return false;
  const auto now = std::chrono::steady_clock::now();
  // A new model is taken for a new batch, when asked to finish, or between two passes over the batch
  // (while the model trains, no more often than kLiveRefreshSeconds): a pass under way is never
  // restarted, or frequent training reports would keep it from ever completing.
  const bool model_changed = !have_model_ || model_version != model_version_;
  const bool between_passes = rows_done_ == rows();
  const bool live_due =
      !model_is_training || std::chrono::duration<double>(now - model_taken_).count() >= kLiveRefreshSeconds;
  if (model_changed && (rows_done_ == 0 || finish || (between_passes && live_due))) {
    model_ = model;
    model_version_ = model_version;
    have_model_ = true;
    model_taken_ = now;
    rows_done_ = 0;
  }
  bool changed = false;
  while (rows_done_ < rows()) {
    const int n = std::min(kRowsPerForward, rows() - rows_done_);
    logits_.middleRows(rows_done_, n) =
        model_->forward(pixels_.middleRows(rows_done_, n), nn::Mode::Eval).cast<double>();
    rows_done_ += n;
    if (rows_done_ == rows()) changed = true;
    if (!finish) break;
  }
  nn::CrossEntropyOptions<double> wanted = options;
  wanted.ignore_index = kIgnoreIndex;
  wanted.reduction = nn::Reduction::None;
  if (rows_done_ == rows() && (changed || !breakdown_ || !(wanted == options_))) {
    options_ = wanted;
    recompute_breakdown();
    changed = true;
  }
  return changed;
}

void BatchView::recompute_breakdown() {
  if (rows_done_ < rows()) return;
  const std::vector<int64_t> t = targets();
  breakdown_ = nn::loss_breakdown(logits_, t, options_);
}

int BatchView::predicted(int row) const {
  Eigen::Index k = 0;
  logits_.row(row).maxCoeff(&k);
  return static_cast<int>(k);
}

std::vector<int> BatchView::order(bool worst_first) const {
  std::vector<int> rows_in_order(static_cast<size_t>(rows()));
  std::iota(rows_in_order.begin(), rows_in_order.end(), 0);
  if (!worst_first || !breakdown_) return rows_in_order;
  const auto& loss = breakdown_->row_loss;
  // Ties keep batch order. (std::sort with the row as the last key rather than std::stable_sort, whose
  // temporary buffer LeakSanitizer reports as leaked with clang 14 and libstdc++ 12.)
  std::sort(rows_in_order.begin(), rows_in_order.end(), [&](int a, int b) {
    const bool ia = ignored(a), ib = ignored(b);
    if (ia != ib) return ib;  // ignored rows last
    const double la = loss[static_cast<size_t>(a)], lb = loss[static_cast<size_t>(b)];
    return la != lb ? la > lb : a < b;
  });
  return rows_in_order;
}

}  // namespace celab::app
