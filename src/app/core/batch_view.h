// The batch card's state: N MNIST training digits in the epoch's shuffled order (the training's
// data::BatchSampler), the model's logits for them, and their loss under the page's loss options
// (class weights, label smoothing) as nn::loss_breakdown computes it: per sample (reduction='none'),
// the sum and the mean. A sample the user marks ignored gets label ignore_index (-100), as PyTorch
// would be told. No UI here.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "data/batch_sampler.h"
#include "data/idx.h"
#include "nn/eigen_types.h"
#include "nn/loss_breakdown.h"
#include "nn/loss_options.h"
#include "nn/model.h"

namespace celab::app {

class BatchView {
 public:
  static constexpr int kDefaultSize = 64, kMinSize = 1, kMaxSize = 256;
  static constexpr int64_t kIgnoreIndex = nn::kDefaultIgnoreIndex;  // what an ignored sample's label becomes
  static constexpr int kRowsPerForward = 32;          // the model's buffers grow with the rows of one forward
  static constexpr double kLiveRefreshSeconds = 1.0;  // while the model trains, new logits at most this often

  explicit BatchView(uint64_t seed) : seed_(seed) {}

  // The training digits the batches come from (not owned); a new set starts a new order.
  void set_digits(const data::MnistSplit* digits);
  bool has_digits() const { return digits_ != nullptr; }

  bool open() const { return open_; }  // the user asked to see a batch (the data is fetched then)
  void set_open(bool open) { open_ = open; }

  int size() const { return size_; }
  void set_size(int size);  // clamped to [kMinSize, kMaxSize]; takes effect with the next batch
  void new_batch();         // the next `size` digits of the epoch's order (needs digits)
  bool has_batch() const { return !indices_.empty(); }
  int rows() const { return static_cast<int>(indices_.size()); }

  void toggle_ignore(int row);  // ignored if out of range
  bool ignored(int row) const { return ignored_.at(static_cast<size_t>(row)) != 0; }

  // Brings the numbers up to date with `model` (identified by `model_version`) and `options`
  // (their weight and label smoothing; ignore_index is the view's own). New logits are computed at
  // most kRowsPerForward rows per call unless `finish`, and, while `model_is_training`, at most every
  // kLiveRefreshSeconds. Returns whether the numbers shown changed.
  bool update(const nn::Model& model, uint64_t model_version, bool model_is_training,
              const nn::CrossEntropyOptions<double>& options, bool finish);
  bool ready() const { return breakdown_.has_value(); }  // numbers for the whole batch
  // A pass over the batch is under way: update() has rows left to compute (a frame each).
  bool computing() const { return has_batch() && rows_done_ < rows(); }

  const std::vector<uint32_t>& indices() const { return indices_; }            // into the training digits
  const std::vector<int64_t>& labels() const { return labels_; }               // the digits' true classes
  std::vector<int64_t> targets() const;                                        // labels, kIgnoreIndex where ignored
  const nn::RowMatrix<double>& logits() const { return logits_; }              // (rows, classes), of the last update
  const nn::LossBreakdown& breakdown() const { return *breakdown_; }           // needs ready()
  const nn::CrossEntropyOptions<double>& options() const { return options_; }  // of the breakdown
  int predicted(int row) const;
  // Rows ordered by loss, largest first (ignored rows last), or in batch order.
  std::vector<int> order(bool worst_first) const;
  uint64_t batch_version() const { return batch_version_; }  // changes with every new batch

 private:
  void recompute_breakdown();

  uint64_t seed_;
  const data::MnistSplit* digits_ = nullptr;
  std::unique_ptr<data::BatchSampler> sampler_;
  bool open_ = false;
  int size_ = kDefaultSize;
  std::vector<uint32_t> indices_;
  std::vector<int64_t> labels_;
  std::vector<char> ignored_;
  uint64_t batch_version_ = 0;

  // The model the logits come from, its version, and how far the logits are.
  std::optional<nn::Model> model_;
  uint64_t model_version_ = 0;
  bool have_model_ = false;
  std::chrono::steady_clock::time_point model_taken_{};
  int rows_done_ = 0;
  nn::RowMatrix<float> pixels_;
  nn::RowMatrix<double> logits_;
  nn::CrossEntropyOptions<double> options_;
  std::optional<nn::LossBreakdown> breakdown_;
};

}  // namespace celab::app
