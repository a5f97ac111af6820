// The training runner of the desktop program and the unit tests: the steps run in the calling
// thread, a slice per frame (pump()), and the training digits are the first ones of MNIST's
// training files.
#pragma once

#include <optional>
#include <string>

#include "app/core/training_lab.h"
#include "app/core/training_runner.h"
#include "app/core/training_session.h"

namespace celab::app {

class LocalTrainingRunner : public TrainingRunner {
 public:
  static constexpr size_t kTrainingDigits = 10000;  // as many as the page's site holds

  // Reports to `lab`; reads MNIST from `mnist_dir`; a run starts from `shipped` (not owned: the
  // caller keeps it current) and measures accuracy on `test` (copied at each start).
  LocalTrainingRunner(TrainingLab& lab, std::string mnist_dir);
  void set_starting_point(const nn::Model* shipped, const data::MnistSplit* test) {
    shipped_ = shipped;
    test_ = test;
  }

  // Runs steps for about `budget_ms` if running (or the one step asked for), then reports.
  void pump(double budget_ms);
  // pump() has steps to run: the desktop's main loop keeps drawing frames while it has.
  bool has_work() const { return session_ && (running_ || steps_asked_ > 0); }

  void fetch_data() override;
  void start(const TrainingOptions& options, int run) override;
  void run() override { running_ = true; }
  void pause() override { running_ = false; }
  void step_once() override { steps_asked_ = 1; }
  void set_live_options(const TrainingOptions& options) override;
  void stop() override;

 private:
  TrainingLab& lab_;
  std::string mnist_dir_;
  const nn::Model* shipped_ = nullptr;
  const data::MnistSplit* test_ = nullptr;
  std::optional<TrainingSession> session_;
  int run_ = 0;
  bool running_ = false;
  int steps_asked_ = 0;
};

}  // namespace celab::app
