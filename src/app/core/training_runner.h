// Where the training card's steps run, and where its training digits come from: in the page a Web
// Worker and a download (src/app/web_training_bridge.cpp), on the desktop and in unit tests the
// frame loop and MNIST's files (local_training_runner.h). The training lab (training_lab.h) sends
// these commands; the runner reports back through the lab's data_* and progress/failed methods.
#pragma once

#include "app/core/training_options.h"

namespace celab::app {

class TrainingRunner {
 public:
  virtual ~TrainingRunner() = default;

  // Fetch the training digits (again, after a failure).
  virtual void fetch_data() = 0;
  // A new run from `options` (the shipped model's weights when not from scratch), paused. Its
  // reports carry `run`, so a late report of an ended run is told apart.
  virtual void start(const TrainingOptions& options, int run) = 0;
  virtual void run() = 0;        // take steps until paused
  virtual void pause() = 0;      // after the step under way
  virtual void step_once() = 0;  // one step, then paused
  // Learning rate, batch size and label smoothing of the run under way, from its next step on.
  virtual void set_live_options(const TrainingOptions& options) = 0;
  virtual void stop() = 0;  // end the run: no more reports from it
};

}  // namespace celab::app
