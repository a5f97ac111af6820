// The training loop of `celab train`: shuffled mini-batches of MNIST (data/batch_sampler.h), augmented
// on the fly, the library's training step (nn/training_step.h: Adam or SGD with momentum) with a
// cosine learning-rate decay, test accuracy after every epoch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cli/progress_bar.h"
#include "data/evaluation.h"
#include "data/idx.h"
#include "nn/criterion.h"
#include "nn/model.h"
#include "nn/optimizer.h"

namespace celab::cli {

struct TrainConfig {
  int epochs = 30;  // the defaults make the shipped model, bit for bit (./build.sh train; docs/model.md)
  int batch_size = 64;
  int threads = 1;
  uint64_t seed = 1;
  nn::OptimizerKind optimizer = nn::OptimizerKind::Adam;
  nn::Criterion criterion = nn::Criterion::CrossEntropy;  // PyTorch's default reduction: mean
  double lr = 2e-3;                                       // peak learning rate
  double final_lr_fraction = 0.01;                        // cosine decay to lr * this at the last step (1: constant lr)
  double momentum = 0.9;                                  // SGD only
  double weight_decay = 0.0;
  bool augment = true;
  size_t train_limit = 0;  // use only the first N training images (0: all)
  bool evaluate_each_epoch = true;
};

struct EpochReport {
  int epoch = 0;
  double train_loss = 0, train_accuracy = 0;  // on the augmented batches, as trained
  double seconds = 0;                         // training only, without the evaluation
  double cpu_seconds = 0;                     // the same span in process CPU time (all threads)
  data::Evaluation test;                      // empty when not evaluated
};

// Called after every epoch (e.g. to save a checkpoint and print the test accuracy).
using EpochCallback = std::function<void(const EpochReport&)>;

// Trains `model` (already initialised) in place. Deterministic for a given config and data.
void train(nn::Model& model, const data::Mnist& mnist, const TrainConfig& config, ProgressBar& progress,
           const EpochCallback& on_epoch);

}  // namespace celab::cli
