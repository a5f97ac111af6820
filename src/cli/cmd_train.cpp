// celab train: trains the architecture of src/nn/architecture.h on MNIST and writes a model file.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "cli/strict_numbers.h"
#include "cli/trainer.h"
#include "data/idx.h"
#include "nn/criterion.h"
#include "nn/summary.h"

namespace celab::cli {

void register_train(CLI::App& app, int& exit_code) {
  struct Args {
    TrainConfig config;
    std::string out = "model.celab";  // not the shipped model: ./build.sh train writes that one explicitly
    std::string data_dir = kDefaultMnistDir;
    std::string optimizer = "adam";
    std::string criterion = nn::criterion_name(nn::Criterion::CrossEntropy);
    bool no_augment = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("train", "Train the digit classifier on MNIST and write a model file");
  cmd->add_option("--epochs", args->config.epochs, "Passes over the training set")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--threads", args->config.threads, "Threads that share each batch")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--seed", args->config.seed, "Seed of initialisation, shuffling and augmentation")
      ->transform(strict_integer())
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Model file to write (after every epoch)")->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Directory with the four MNIST IDX files")->capture_default_str();
  cmd->add_option("--batch-size", args->config.batch_size, "Images per step")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--lr", args->config.lr, "Peak learning rate (cosine decay to 1% of it)")
      ->check(positive_number())
      ->capture_default_str();
  cmd->add_option("--optimizer", args->optimizer, "adam or sgd (momentum 0.9)")
      ->check(CLI::IsMember({"adam", "sgd"}))
      ->capture_default_str();
  std::string criteria;  // "cross_entropy, softmax_first, ..." from criterion.h
  for (const nn::Criterion c : nn::kCriteria)
    criteria += std::string(criteria.empty() ? "" : ", ") + nn::criterion_name(c);
  cmd->add_option("--criterion", args->criterion, "What the training minimises: " + criteria)
      ->check(CLI::Validator(
          [](std::string& name) {
            try {
              nn::parse_criterion(name);
              return std::string();
            } catch (const nn::LossError& e) {
              return std::string(e.what());
            }
          },
          "NAME"))
      ->capture_default_str();
  cmd->add_option("--limit", args->config.train_limit, "Train on the first N images only (0: all)")
      ->transform(strict_integer())
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_flag("--no-augment", args->no_augment, "Train on the images as they are (benchmarks)");
  cmd->add_flag("!--no-eval", args->config.evaluate_each_epoch, "Skip the test-set evaluation after each epoch");

  cmd->callback([args, &exit_code] {
    args->config.augment = !args->no_augment;
    args->config.optimizer = args->optimizer == "sgd" ? nn::OptimizerKind::Sgd : nn::OptimizerKind::Adam;
    args->config.criterion = nn::parse_criterion(args->criterion);
    const data::Mnist mnist = data::load_mnist(args->data_dir);
    std::printf("%s\n", nn::architecture_summary().c_str());
    std::printf(
        "training on %zu images (%s), testing on %zu; %d epochs, batch %d, %s lr %g, %d thread(s), seed %llu%s%s\n",
        args->config.train_limit ? std::min(args->config.train_limit, mnist.train.size()) : mnist.train.size(),
        args->config.augment ? "augmented" : "no augmentation", mnist.test.size(), args->config.epochs,
        args->config.batch_size, args->optimizer.c_str(), args->config.lr, args->config.threads,
        static_cast<unsigned long long>(args->config.seed),
        args->config.criterion == nn::Criterion::CrossEntropy ? "" : ", criterion ",
        args->config.criterion == nn::Criterion::CrossEntropy ? "" : args->criterion.c_str());
    nn::Model model(args->config.seed);
    ProgressBar progress;
    double total_seconds = 0, total_cpu_seconds = 0;
    train(model, mnist, args->config, progress, [&](const EpochReport& r) {
      total_seconds += r.seconds;
      total_cpu_seconds += r.cpu_seconds;
      save_model(model, args->out);
      std::printf("epoch %d: train loss %.4f, train accuracy %.4f, %.1f s (%.0f img/s)", r.epoch, r.train_loss,
                  r.train_accuracy, r.seconds,
                  static_cast<double>(args->config.train_limit ? std::min(args->config.train_limit, mnist.train.size())
                                                               : mnist.train.size()) /
                      r.seconds);
      if (r.test.total)
        std::printf(", test loss %.4f, test %s", r.test.mean_loss, data::format_accuracy(r.test).c_str());
      std::printf(" -> %s\n", args->out.c_str());
      std::fflush(stdout);
    });
    std::printf("epoch_seconds_mean: %.2f\n", total_seconds / args->config.epochs);
    std::printf("epoch_cpu_seconds_mean: %.2f\n", total_cpu_seconds / args->config.epochs);
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
