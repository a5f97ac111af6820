#include "cli/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <vector>

#include "data/augment.h"
#include "data/batch_sampler.h"
#include "nn/architecture.h"
#include "nn/eigen_types.h"
#include "nn/training_step.h"

namespace celab::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Process CPU time: on a shared machine it measures our work, not the neighbours'.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Cosine decay from `lr` at step 0 to lr * final_fraction at the last step.
double cosine_lr(const TrainConfig& c, int64_t step, int64_t total_steps) {
  const double progress = total_steps > 1 ? static_cast<double>(step) / static_cast<double>(total_steps - 1) : 1.0;
  const double floor = c.lr * c.final_lr_fraction;
  return floor + 0.5 * (c.lr - floor) * (1.0 + std::cos(M_PI * progress));
}

}  // namespace

void train(nn::Model& model, const data::Mnist& mnist, const TrainConfig& config, ProgressBar& progress,
           const EpochCallback& on_epoch) {
  const size_t n = config.train_limit ? std::min(config.train_limit, mnist.train.size()) : mnist.train.size();
  const size_t batch = static_cast<size_t>(config.batch_size);
  const size_t batches = (n + batch - 1) / batch;
  const int64_t total_steps = static_cast<int64_t>(batches) * config.epochs;

  model.set_threads(config.threads);
  model.reserve(config.batch_size);
  nn::TrainingStep trainer(
      model,
      {.kind = config.optimizer, .lr = config.lr, .momentum = config.momentum, .weight_decay = config.weight_decay},
      config.criterion);
  data::BatchSampler sampler(n, config.seed);
  nn::RowMatrix<float> x(config.batch_size, nn::kInputSize);
  std::vector<int64_t> targets(batch);
  const data::AugmentConfig augment_config;

  double trained_seconds = 0;
  int64_t step = 0;
  for (int epoch = 1; epoch <= config.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    const double epoch_cpu_start = cpu_seconds();
    double loss_sum = 0;
    size_t correct = 0, seen = 0;
    for (size_t b = 0; b < batches; ++b, ++step) {
      const auto indices = sampler.next(batch);
      const int rows = static_cast<int>(indices.size());
      data::read_batch(mnist.train, indices, {x.data(), static_cast<size_t>(x.size())}, targets,
                       config.augment ? &augment_config : nullptr, &sampler.rng(), &model.workers());
      trainer.set_lr(cosine_lr(config, step, total_steps));
      const nn::StepResult result = trainer.run(x.topRows(rows), {targets.data(), indices.size()});

      loss_sum += static_cast<double>(result.loss) * rows;
      correct += static_cast<size_t>(result.correct);
      seen += static_cast<size_t>(rows);
      const double elapsed = trained_seconds + seconds_since(epoch_start);
      const double per_step = elapsed / static_cast<double>(step + 1);
      progress.update({.epoch = epoch,
                       .epochs = config.epochs,
                       .batch = b + 1,
                       .batches = batches,
                       .running_loss = loss_sum / static_cast<double>(seen),
                       .running_accuracy = static_cast<double>(correct) / static_cast<double>(seen),
                       .images_per_second = static_cast<double>(seen) / seconds_since(epoch_start),
                       .eta_seconds = per_step * static_cast<double>(total_steps - step - 1)});
    }
    EpochReport report;
    report.epoch = epoch;
    report.seconds = seconds_since(epoch_start);
    report.cpu_seconds = cpu_seconds() - epoch_cpu_start;
    trained_seconds += report.seconds;
    report.train_loss = loss_sum / static_cast<double>(seen);
    report.train_accuracy = static_cast<double>(correct) / static_cast<double>(seen);
    progress.finish_line();
    if (config.evaluate_each_epoch) report.test = data::evaluate(model, mnist.test);
    on_epoch(report);
  }
}

}  // namespace celab::cli
