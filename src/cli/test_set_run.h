// What `celab eval` and `celab calibrate` share: the options that choose a model and the MNIST test
// set (--model, --data, --threads), and loading both.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/paths.h"
#include "data/idx.h"
#include "nn/model.h"

namespace celab::cli {

struct TestSetArgs {
  std::string model = kDefaultModelPath;
  std::string data_dir = kDefaultMnistDir;
  int threads = 1;
};

// Adds --model, --data and --threads to `cmd`, written into `args` (which outlives the parse).
void add_test_set_options(CLI::App& cmd, TestSetArgs& args);

struct TestSetRun {
  nn::Model model;          // with args.threads
  data::MnistSplit test;    // MNIST's 10,000 test images ("t10k")
};

// Loads the model and the test set `args` name (errors name the file).
TestSetRun load_test_set_run(const TestSetArgs& args);

}  // namespace celab::cli
