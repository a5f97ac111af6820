// nn::evaluate_mistake against real PyTorch 1.13: every example of tests/golden/mistakes_cases.json
// (3 and 10 classes, seven option sets), every mistake: the same exception line, or the same loss
// and gradient with respect to the logits.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/paths.h"
#include "nn/loss_mistakes.h"

namespace celab::nn {
namespace {

const std::string kFile = std::string(CELAB_SOURCE_DIR) + "/tests/golden/mistakes_cases.json";

double number_of(const nlohmann::json& v) {
  if (v.is_string()) return v == "nan" ? NAN : v == "inf" ? INFINITY : -INFINITY;
  return v.get<double>();
}

void expect_close(double got, double want, const std::string& what) {
  if (std::isnan(want))
    EXPECT_TRUE(std::isnan(got)) << what << ": got " << got << ", want nan";
  else
    EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::abs(want))) << what;
}

struct Example {
  std::string name;
  RowMatrix<double> logits;
  int64_t target = 0;
  CrossEntropyOptions<double> options;
};

Example example_of(const nlohmann::json& e) {
  Example x;
  x.name = e.at("name");
  const auto logits = e.at("logits").get<std::vector<double>>();
  x.logits = Eigen::Map<const RowMatrix<double>>(logits.data(), 1, static_cast<Eigen::Index>(logits.size()));
  x.target = e.at("target");
  if (!e.at("weight").is_null()) x.options.weight = e.at("weight").get<std::vector<double>>();
  x.options.ignore_index = e.at("ignore_index");
  x.options.reduction = parse_reduction(e.at("reduction").get<std::string>());
  x.options.label_smoothing = e.at("label_smoothing");
  return x;
}

// PyTorch's outcome `want` ({"error"} or {"loss", "grad_logits"}) against the library's.
void expect_outcome(const MistakeOutcome& got, const nlohmann::json& want, const std::string& what) {
  if (want.contains("error")) {
    EXPECT_EQ(got.error, want.at("error").get<std::string>()) << what;
    return;
  }
  ASSERT_FALSE(got.raised()) << what << ": raised " << got.error;
  const nlohmann::json& loss = want.at("loss");
  const std::vector<double>& values = got.breakdown->library;
  if (loss.is_array()) {
    ASSERT_EQ(values.size(), loss.size()) << what;
    for (size_t i = 0; i < values.size(); ++i) expect_close(values[i], number_of(loss[i]), what + " loss");
  } else {
    ASSERT_EQ(values.size(), 1u) << what;
    expect_close(got.loss(), number_of(loss), what + " loss");
  }
  const nlohmann::json& grad = want.at("grad_logits");
  ASSERT_EQ(got.grad_logits.size(), static_cast<Eigen::Index>(grad.size())) << what;
  for (size_t c = 0; c < grad.size(); ++c)
    expect_close(got.grad_logits(0, static_cast<Eigen::Index>(c)), number_of(grad[c]),
                 what + " grad " + std::to_string(c));
}

TEST(LossMistakes, EveryMistakeDoesWhatPyTorchDoesOnEveryGoldenExample) {
  std::ifstream in(kFile);
  ASSERT_TRUE(in) << kFile;
  const nlohmann::json file = nlohmann::json::parse(in);
  int checked = 0, raised = 0;
  std::set<int64_t> class_counts;
  for (const nlohmann::json& e : file.at("examples")) {
    const Example x = example_of(e);
    const int64_t y[] = {x.target};
    class_counts.insert(x.logits.cols());
    // The correct program first: the example is PyTorch's.
    MistakeOutcome correct;
    correct.breakdown = loss_breakdown(x.logits, y, x.options);
    correct.grad_logits = correct.breakdown->grad_logits;
    expect_outcome(correct, e.at("correct"), x.name + " correct");
    for (Mistake m : kMistakes) {
      const nlohmann::json& want = e.at("mistakes").at(mistake_name(m));
      expect_outcome(evaluate_mistake(m, x.logits, y, x.options), want, x.name + " " + mistake_name(m));
      ++checked;
      raised += want.contains("error");
    }
  }
  EXPECT_EQ(checked, 42 * 10);
  EXPECT_GT(raised, 42 * 3);  // one_hot_long, index_column, float_indices always; labels_from_one on the last class
  EXPECT_EQ(class_counts, (std::set<int64_t>{3, 10}));
}

TEST(LossMistakes, EveryMistakeOfTheGoldenFileIsOneOfTheLibrarys) {
  std::ifstream in(kFile);
  const nlohmann::json file = nlohmann::json::parse(in);
  const nlohmann::json& mistakes = file.at("examples").at(0).at("mistakes");
  EXPECT_EQ(mistakes.size(), std::size(kMistakes));
  for (const auto& [name, outcome] : mistakes.items()) EXPECT_EQ(mistake_name(parse_mistake(name)), name);
}

TEST(LossMistakes, NamesParseAndABadNameIsNamed) {
  for (Mistake m : kMistakes) EXPECT_EQ(parse_mistake(mistake_name(m)), m);
  try {
    parse_mistake("softmax");
    FAIL() << "no LossError";
  } catch (const LossError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("mistake 'softmax' is not one of softmax_as_logits, log_softmax_first, ", 0),
              0u)
        << e.what();
  }
}

TEST(LossMistakes, SoftmaxAsLogitsNeverFallsBelowItsFloor) {
  EXPECT_NEAR(softmax_as_logits_floor(10), 1.4612, 5e-5);
  EXPECT_NEAR(softmax_as_logits_floor(3), 0.5514, 5e-5);
  // A sure, right prediction: the loss approaches the floor, and its gradient is far smaller.
  for (int classes : {3, 10}) {
    RowMatrix<double> x = RowMatrix<double>::Zero(1, classes);
    x(0, 1) = 40;
    const int64_t y[] = {1};
    const MistakeOutcome m = evaluate_mistake(Mistake::SoftmaxAsLogits, x, y, {});
    EXPECT_NEAR(m.loss(), softmax_as_logits_floor(classes), 1e-12);
    EXPECT_GT(m.loss(), softmax_as_logits_floor(classes));
  }
}

TEST(LossMistakes, LabelsFromOneRaiseOnlyForTheLastClass) {
  const RowMatrix<double> x = RowMatrix<double>::Zero(1, 10);
  for (int64_t y = 0; y < 10; ++y) {
    const int64_t target[] = {y};
    const MistakeOutcome m = evaluate_mistake(Mistake::LabelsFromOne, x, target, {});
    EXPECT_EQ(m.error, y == 9 ? "IndexError: Target 10 is out of bounds." : "") << y;
    if (y < 9) {
      EXPECT_EQ(m.call->target.at(0), y + 1);
    }
  }
}

TEST(LossMistakes, ARejectedExampleIsTheLibrarysError) {
  const RowMatrix<double> x = RowMatrix<double>::Zero(1, 3);
  const int64_t y[] = {3};
  EXPECT_THROW(evaluate_mistake(Mistake::LogSoftmaxFirst, x, y, {}), LossError);
}

}  // namespace
}  // namespace celab::nn
