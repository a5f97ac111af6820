// The mistakes card's table and stories (src/app/core/mistake_table.h), the loss lab with a mistake
// on, and the loss lab through window.celab (src/app/core/loss_lab_report.h): mistakes(),
// setMistake(), setLossLab() and state().lossLab.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "app/core/app_state.h"
#include "app/core/loss_lab.h"
#include "app/core/loss_lab_report.h"
#include "app/core/mistake_table.h"
#include "app/core/state_report.h"

namespace celab::app {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(MistakeTable, OneRowPerMistakeWithBothLanguages) {
  std::set<nn::Mistake> seen;
  for (nn::Mistake m : nn::kMistakes) {
    const MistakeRow& row = mistake_row(m);
    EXPECT_EQ(row.mistake, m);
    seen.insert(row.mistake);
    for (Language language : {Language::English, Language::Chinese}) {
      EXPECT_STRNE(text(row.title, language), "");
      EXPECT_STRNE(text(row.fix, language), "");
    }
  }
  EXPECT_EQ(seen.size(), std::size(nn::kMistakes));
}

TEST(MistakeTable, StoriesCarryTheLabsNumbers) {
  LossLab lab;  // the article's example: 1.2729
  const auto story = [&lab](nn::Mistake m, Language language = Language::English) {
    return mistake_story(m, lab, lab.outcome_of(m), language);
  };
  EXPECT_TRUE(contains(story(nn::Mistake::SoftmaxAsLogits), "log(e + 2) − 1 = 0.5514 (the right loss here: 1.2729)"))
      << story(nn::Mistake::SoftmaxAsLogits);
  EXPECT_TRUE(contains(story(nn::Mistake::LogSoftmaxFirst), "(1.2729)"));
  EXPECT_TRUE(contains(story(nn::Mistake::LabelsFromOne), "label 1 is class 1")) << story(nn::Mistake::LabelsFromOne);
  // Demo weights [3, 1, 1] on one sample: the weight cancels.
  EXPECT_TRUE(contains(story(nn::Mistake::WeightedMean),
                       "[3, 1, 1], 'mean' is a weighted mean: Σ w[y_i]·l_i / Σ w[y_i] = 3.8188 / 3.0000 = 1.2729, "
                       "not Σ w[y_i]·l_i / N = 3.8188 / 1 = 3.8188"))
      << story(nn::Mistake::WeightedMean);
  EXPECT_TRUE(contains(story(nn::Mistake::IgnoreRealClass), "only sample")) << story(nn::Mistake::IgnoreRealClass);
  EXPECT_TRUE(contains(story(nn::Mistake::AllIgnored), "(-100)"));
  EXPECT_TRUE(contains(story(nn::Mistake::WeightedMean, Language::Chinese), "3.8188 / 3.0000 = 1.2729"));

  lab.set_target(2);
  EXPECT_TRUE(contains(story(nn::Mistake::LabelsFromOne), "the last class, 2, so its label is 3"))
      << story(nn::Mistake::LabelsFromOne);
  EXPECT_TRUE(contains(story(nn::Mistake::IgnoreRealClass), "target is 2, so it still counts"));
  EXPECT_TRUE(contains(text(kArticleNote), "class 6 is the digit 6"));
}

TEST(MistakeTable, PyTorchsAnswer) {
  LossLab lab;
  lab.set_target(2);
  EXPECT_EQ(pytorch_answer(lab.outcome_of(nn::Mistake::LabelsFromOne), Language::English),
            "PyTorch raises: IndexError: Target 3 is out of bounds.");
  EXPECT_EQ(pytorch_answer(lab.outcome_of(nn::Mistake::AllIgnored), Language::English), "PyTorch returns nan");
  lab.set_target(0);
  EXPECT_EQ(pytorch_answer(lab.outcome_of(nn::Mistake::SoftmaxAsLogits), Language::English), "PyTorch returns 1.1527");
  nn::CrossEntropyOptions<double> none;
  none.reduction = nn::Reduction::None;
  lab.set_options(none);
  EXPECT_EQ(pytorch_answer(lab.outcome_of(nn::Mistake::LogSoftmaxFirst), Language::Chinese), "PyTorch 返回 [1.2729]");
}

TEST(LossLabMistake, TheLabShowsTheMistakenProgram) {
  LossLab lab;
  EXPECT_EQ(lab.shown(), &lab.result());
  lab.set_mistake(nn::Mistake::SoftmaxAsLogits, true);
  ASSERT_NE(lab.shown(), nullptr);
  EXPECT_NEAR(lab.shown()->loss(), 1.1527474991718791, 1e-12);  // PyTorch (tests/golden/mistakes_cases.json)
  EXPECT_NEAR(lab.result().loss(), 1.2729189131256584, 1e-12);  // the right program, still there
  lab.set_mistake(nn::Mistake::LabelsFromOne, true);            // one at a time
  EXPECT_EQ(lab.mistake(), nn::Mistake::LabelsFromOne);
  EXPECT_NEAR(lab.shown()->loss(), 0.9729189131256585, 1e-12);
  lab.set_target(2);  // follows the lab
  EXPECT_EQ(lab.shown(), nullptr);
  EXPECT_EQ(lab.mistake_outcome()->error, "IndexError: Target 3 is out of bounds.");
  lab.set_mistake(nn::Mistake::SoftmaxAsLogits, false);  // not the one on: nothing changes
  EXPECT_EQ(lab.mistake(), nn::Mistake::LabelsFromOne);
  lab.set_mistake(nn::Mistake::LabelsFromOne, false);
  EXPECT_FALSE(lab.mistake());
  EXPECT_EQ(lab.shown(), &lab.result());
}

TEST(LossLabReport, MistakesListsEveryMistakesOutcome) {
  LossLab lab;
  lab.set_mistake(nn::Mistake::OneHotLong, true);
  const nlohmann::json r = mistakes_report(lab);
  ASSERT_EQ(r.size(), std::size(nn::kMistakes));
  for (const nlohmann::json& m : r) {
    EXPECT_EQ(m.at("on"), m.at("id") == "one_hot_long");
    EXPECT_NE(m.at("message").is_null(), m.at("loss").is_null()) << m;
  }
  EXPECT_EQ(r[4].at("message"),
            "RuntimeError: Expected floating point type for target with class probabilities, got Long");
  EXPECT_NEAR(r[0].at("loss").get<double>(), 1.1527474991718791, 1e-12);
  EXPECT_EQ(r[7].at("id"), "all_ignored");
  EXPECT_EQ(r[7].at("loss"), "nan");

  AppState state(1);
  state.loss_lab().set_mistake(nn::Mistake::OneHotLong, true);
  const nlohmann::json s = state_report(state).at("lossLab");
  EXPECT_EQ(s.at("mistake"), "one_hot_long");
  EXPECT_TRUE(s.at("loss").is_null());
  EXPECT_EQ(s.at("message"), r[4].at("message"));
}

TEST(LossLabReport, SetLossLabChangesTheFieldsGiven) {
  LossLab lab;
  EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(R"({"logits": [1, 2, 3, 4.5], "target": 3,
      "weight": [1, 2, 0.5, 10], "labelSmoothing": 0.2, "reduction": "sum", "ignoreIndex": 1})"),
                         Language::English),
            "");
  EXPECT_EQ(lab.logits(), (std::vector<double>{1, 2, 3, 4.5}));
  EXPECT_EQ(lab.target(), 3);
  EXPECT_EQ(lab.options(), nn::CrossEntropyOptions<double>({1, 2, 0.5, 10}, 1, nn::Reduction::Sum, 0.2));
  EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(R"({"weight": null, "target": 0})"), Language::English), "");
  EXPECT_FALSE(lab.options().weighted());
  EXPECT_EQ(lab.target(), 0);
  EXPECT_EQ(lab.options().label_smoothing, 0.2);
  // Fewer logits: the target moves into range, as the card's class count does.
  EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(R"({"target": 3})"), Language::English), "");
  EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(R"({"logits": [0, 1]})"), Language::English), "");
  EXPECT_EQ(lab.target(), 1);
}

TEST(LossLabReport, InvalidValuesGetAMessageAndChangeNothing) {
  LossLab lab;
  const std::vector<double> logits = lab.logits();
  const nn::CrossEntropyOptions<double> options = lab.options();
  const std::pair<const char*, const char*> bad[] = {
      {R"({"logits": [1]})", "logits: give 2 to 10 finite numbers (got [1])"},
      {R"({"logits": [1, "x"], "target": 0})", "logits: give 2 to 10 finite numbers (got [1,\"x\"])"},
      {R"({"target": 3})", "target: give a class index from 0 to 2 (got 3)"},
      {R"({"target": 1.5})", "target: give a class index from 0 to 2 (got 1.5)"},
      {R"({"logits": [1, 2], "target": 2})", "target: give a class index from 0 to 1 (got 2)"},
      {R"({"weight": [1, 2]})", "weight: give null or 3 numbers from 0 to 10, one per class (got [1,2])"},
      {R"({"weight": [1, 2, -1]})", "weight: give null or 3 numbers from 0 to 10, one per class (got [1,2,-1])"},
      {R"({"labelSmoothing": 1.5})", "labelSmoothing: give a number from 0 to 1 (got 1.5)"},
      {R"({"reduction": "avg"})", "reduction: give one of 'mean', 'sum', 'none' (got \"avg\")"},
      {R"({"ignoreIndex": "a"})", "ignoreIndex: give an integer (got \"a\")"},
      {R"({"logit": [1, 2]})",
       "unknown field logit; the fields are logits, target, weight, labelSmoothing, reduction, ignoreIndex"},
  };
  for (const auto& [fields, message] : bad) {
    EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(fields), Language::English), message) << fields;
    EXPECT_EQ(lab.logits(), logits);
    EXPECT_EQ(lab.target(), 0);
    EXPECT_EQ(lab.options(), options);
  }
  EXPECT_EQ(set_loss_lab(lab, nlohmann::json::parse(R"({"labelSmoothing": -1})"), Language::Chinese),
            "labelSmoothing：需要 0 到 1 之间的数（得到 -1）");
}

TEST(LossLabReport, SetMistakeByName) {
  LossLab lab;
  EXPECT_EQ(set_mistake(lab, "float_indices", true, Language::English), "");
  EXPECT_EQ(lab.mistake(), nn::Mistake::FloatIndices);
  EXPECT_TRUE(contains(set_mistake(lab, "softmax", true, Language::English),
                       "unknown mistake 'softmax'; the mistakes are: softmax_as_logits, log_softmax_first"));
  EXPECT_EQ(lab.mistake(), nn::Mistake::FloatIndices);
  EXPECT_EQ(set_mistake(lab, "float_indices", false, Language::English), "");
  EXPECT_FALSE(lab.mistake());
}

}  // namespace
}  // namespace celab::app
