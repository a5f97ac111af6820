// The training card's state on the page's side: the options, the run's status, its history (the
// loss of every step, test accuracy every few steps, images per second), the training digits'
// download, and the newest weights, which the drawing, prediction and loss cards use while a run
// exists. The steps themselves run elsewhere (training_runner.h); this class sends the commands and
// takes the reports. No UI here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/core/training_options.h"
#include "app/core/training_runner.h"
#include "app/core/training_session.h"
#include "data/idx.h"
#include "nn/model.h"

namespace celab::app {

enum class TrainingStatus { Idle, WaitingForData, Running, Paused };

// A run that ended (Reset) or gave way to a new one, kept so the plot can lay the next run beside
// it: a squared-error run from scratch against a cross-entropy one.
struct PastRun {
  int run = 0;
  TrainingOptions options;
  std::vector<float> running_means;
  std::vector<AccuracyPoint> accuracies;
};
enum class DataStatus { NotRequested, Downloading, Ready, Failed };

class TrainingLab {
 public:
  // The plot's running mean is over this many steps: few enough to follow a fast fall.
  static constexpr int kRunningMeanSteps = 20;
  // Past runs kept on the plot: enough for one run of each criterion.
  static constexpr size_t kPastRuns = 3;

  // Commands go to `runner` (not owned; may be null: then nothing runs).
  void set_runner(TrainingRunner* runner) { runner_ = runner; }

  // The options of the next run; learning rate, batch size and label smoothing also of the run
  // under way (sent to it on the next sync()).
  TrainingOptions& edit_options() { return options_; }
  const TrainingOptions& options() const { return options_; }

  // The card's buttons. Start: a new run if there is none, else go on; Step: one step (starting a
  // run if there is none); Reset: end the run, back to the shipped model.
  void start();
  void pause();
  void step();
  void reset();
  // The batch card wants the training digits (fetches them once; again after a failure).
  void request_data();
  // Sends changed live options to the run under way; call once per frame.
  void sync();

  // Reports from the runner.
  void data_progress(double received_bytes, double total_bytes);
  void data_arrived(data::MnistSplit digits);
  // Parses two IDX files (data_failed with the parser's message naming `name` if they are bad).
  void data_arrived(std::span<const uint8_t> images, std::span<const uint8_t> labels, const std::string& name);
  // network_unreachable: no answer came at all (offline, and this browser has no copy of the files).
  void data_failed(const std::string& reason, bool network_unreachable = false);
  void progress(const TrainingProgress& p);
  void failed(const std::string& reason);  // the run cannot go on (reported, run ended)

  TrainingStatus status() const { return status_; }
  bool has_run() const { return has_run_; }
  bool running() const { return status_ == TrainingStatus::Running; }
  const TrainingOptions& run_options() const { return run_options_; }  // of the run under way
  int run() const { return run_; }                                     // the run under way (or the last one): 1, 2, ...
  const std::string& error() const { return error_; }                  // of the last failure; "" if none

  DataStatus data_status() const { return data_status_; }
  double data_fraction() const;  // of the download, in [0, 1]
  // The download failed for want of a network (the card says so plainly: Retry once connected).
  bool data_needs_network() const { return data_status_ == DataStatus::Failed && data_unreachable_; }
  double data_received_bytes() const { return received_bytes_; }
  double data_total_bytes() const { return total_bytes_; }
  const data::MnistSplit* digits() const { return digits_ ? &*digits_ : nullptr; }

  int64_t steps() const { return static_cast<int64_t>(losses_.size()); }
  double epochs() const { return epochs_; }
  double images_per_second() const { return images_per_second_; }
  const std::vector<float>& losses() const { return losses_; }
  const std::vector<float>& running_means() const { return running_means_; }  // per step
  const std::vector<AccuracyPoint>& accuracies() const { return accuracies_; }
  const std::vector<PastRun>& past_runs() const { return past_runs_; }  // oldest first

  // The run's newest weights (null without a run, or before its first report); the version
  // changes with every new model and when it goes away.
  const nn::Model* model() const { return model_ ? &*model_ : nullptr; }
  uint64_t model_version() const { return model_version_; }

 private:
  enum class Pending { Nothing, Run, Step };
  void act(Pending what);  // Start or Step: now if a run exists, else once it has begun
  void begin_run();        // with the data at hand
  void do_pending();
  void clear_history();
  void keep_history();  // the run's curves into past_runs_, if it took a step

  TrainingRunner* runner_ = nullptr;
  TrainingOptions options_, run_options_, sent_live_options_;
  TrainingStatus status_ = TrainingStatus::Idle;
  bool has_run_ = false;
  int run_ = 0;  // counts runs started
  Pending pending_ = Pending::Nothing;
  std::string error_;

  DataStatus data_status_ = DataStatus::NotRequested;
  bool data_unreachable_ = false;  // of the last failure
  double received_bytes_ = 0, total_bytes_ = 0;
  std::optional<data::MnistSplit> digits_;

  std::vector<float> losses_, running_means_;
  double running_sum_ = 0;
  std::vector<AccuracyPoint> accuracies_;
  std::vector<PastRun> past_runs_;
  double epochs_ = 0, images_per_second_ = 0;
  std::optional<nn::Model> model_;
  uint64_t model_version_ = 0;
};

}  // namespace celab::app
