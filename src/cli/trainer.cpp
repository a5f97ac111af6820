#include "cli/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <numeric>
#include <variant>
#include <vector>

#include "data/augment.h"
#include "nn/adam.h"
#include "nn/architecture.h"
#include "nn/cross_entropy.h"
#include "nn/eigen_types.h"
#include "nn/rng.h"
#include "nn/sgd.h"

namespace celab::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Process CPU time: on a shared machine it measures our work, not the neighbours'.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Cosine decay from `lr` at step 0 to lr * final_fraction at the last step.
double cosine_lr(const TrainConfig& c, int64_t step, int64_t total_steps) {
  const double progress = total_steps > 1 ? static_cast<double>(step) / static_cast<double>(total_steps - 1) : 1.0;
  const double floor = c.lr * c.final_lr_fraction;
  return floor + 0.5 * (c.lr - floor) * (1.0 + std::cos(M_PI * progress));
}

// Fisher-Yates with our portable Rng, so the order is the same on every platform.
void shuffle(std::vector<uint32_t>& order, nn::Rng& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
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
  std::variant<nn::Adam, nn::Sgd> optimizer =
      config.optimizer == OptimizerKind::Adam
          ? std::variant<nn::Adam, nn::Sgd>(std::in_place_type<nn::Adam>, model.parameters(),
                                            nn::AdamOptions{.lr = config.lr, .weight_decay = config.weight_decay})
          : std::variant<nn::Adam, nn::Sgd>(std::in_place_type<nn::Sgd>, model.parameters(),
                                            nn::SgdOptions{.lr = config.lr, .momentum = config.momentum,
                                                           .weight_decay = config.weight_decay});

  nn::Rng rng(config.seed);
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  nn::RowMatrix<float> x(config.batch_size, data::kInputPixels), grad_logits(config.batch_size, nn::kClasses);
  std::vector<int64_t> targets(batch);
  data::ModelInput plain, augmented;
  const data::AugmentConfig augment_config;
  nn::CrossEntropyOptions<float> mean_loss;  // PyTorch's default: mean over the batch

  double trained_seconds = 0;
  int64_t step = 0;
  for (int epoch = 1; epoch <= config.epochs; ++epoch) {
    shuffle(order, rng);
    const auto epoch_start = Clock::now();
    const double epoch_cpu_start = cpu_seconds();
    double loss_sum = 0;
    size_t correct = 0, seen = 0;
    for (size_t b = 0; b < batches; ++b, ++step) {
      const size_t first = b * batch;
      const int rows = static_cast<int>(std::min(batch, n - first));
      for (int r = 0; r < rows; ++r) {
        const uint32_t index = order[first + static_cast<size_t>(r)];
        targets[static_cast<size_t>(r)] = mnist.train.labels[index];
        std::span<float> row{x.row(r).data(), data::kInputPixels};
        if (config.augment) {
          mnist.train.image_as_float(index, plain);
          data::augment(plain, augmented, rng, augment_config);
          std::copy(augmented.begin(), augmented.end(), row.begin());
        } else {
          mnist.train.image_as_float(index, row);
        }
      }
      const double lr = cosine_lr(config, step, total_steps);
      std::visit([lr](auto& opt) { opt.set_lr(lr); }, optimizer);

      model.zero_grad();
      const auto logits = model.forward(x.topRows(rows), nn::Mode::Train);
      const float loss = nn::cross_entropy_rows<float>(logits, {targets.data(), static_cast<size_t>(rows)},
                                                       mean_loss, grad_logits.topRows(rows));
      for (int r = 0; r < rows; ++r) {
        Eigen::Index predicted;
        logits.row(r).maxCoeff(&predicted);
        correct += predicted == targets[static_cast<size_t>(r)];
      }
      model.backward(grad_logits.topRows(rows), {.param_grads = true, .input_grad = false});
      std::visit([](auto& opt) { opt.step(); }, optimizer);

      loss_sum += static_cast<double>(loss) * rows;
      seen += static_cast<size_t>(rows);
      const double elapsed = trained_seconds + seconds_since(epoch_start);
      const double per_step = elapsed / static_cast<double>(step + 1);
      progress.update({.epoch = epoch, .epochs = config.epochs, .batch = b + 1, .batches = batches,
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
    if (config.evaluate_each_epoch) report.test = evaluate(model, mnist.test);
    on_epoch(report);
  }
}

}  // namespace celab::cli
