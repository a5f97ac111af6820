// Golden files: the reader, the checker, and every case of the project's own file (and of the
// shared file when ../shared/golden exists) in double and float.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <tuple>

#include "data/golden_cases.h"
#include "data/golden_check.h"

namespace celab::data {
namespace {

const std::string kProjectFile = std::string(CELAB_SOURCE_DIR) + "/tests/golden/cross_entropy_cases.json";
const std::string kSharedFile = std::string(CELAB_SHARED_DIR) + "/golden/cross_entropy_cases.json";

// A minimal valid file; `case_json` replaces the one case.
std::string file_with(const std::string& case_json) { return R"({"generator": "test", "cases": [)" + case_json + "]}"; }

const std::string kGoodCase = R"({
  "name": "article", "input_shape": [1, 3], "input": [-0.5, -0.2, -0.3],
  "target_kind": "index", "target_shape": [1], "target": [0], "weight": null,
  "ignore_index": -100, "reduction": "mean", "label_smoothing": 0.0, "expect_error": false,
  "output_shape": [], "output": [1.2729189131256584],
  "grad_input": [-0.7199869061414262, 0.37797814098160176, 0.3420087651598245]})";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string parse_error(const std::string& text) {
  try {
    parse_golden_cases(text, "cases.json");
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

TEST(GoldenReader, ReadsEveryField) {
  const auto file =
      parse_golden_cases(file_with(with(kGoodCase, "\"weight\": null", "\"weight\": [1, \"inf\", 0.5]")), "x.json");
  EXPECT_EQ(file.generator, "test");
  ASSERT_EQ(file.cases.size(), 1u);
  const GoldenCase& c = file.cases[0];
  EXPECT_EQ(c.name, "article");
  EXPECT_EQ(c.input_shape, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(c.input[1], -0.2);
  EXPECT_EQ(c.target_kind, TargetKind::Index);
  EXPECT_EQ(c.target_index, std::vector<int64_t>{0});
  EXPECT_EQ(c.options.weight[1], INFINITY);
  EXPECT_EQ(c.options.reduction, nn::Reduction::Mean);
  EXPECT_FALSE(c.expect_error);
  EXPECT_EQ(c.output_shape, std::vector<int64_t>{});
  EXPECT_EQ(c.grad_input.size(), 3u);
}

TEST(GoldenReader, ErrorsNameTheFileTheCaseAndTheField) {
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "-0.2", "\"x\""))),
            "cases.json: case 0 \"article\": field \"input\": element 1 is \"x\", expected a number (or \"nan\", "
            "\"inf\", \"-inf\")");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"target\": [0]", "\"target\": [0.5]"))),
            "cases.json: case 0 \"article\": field \"target\": element 0 is 0.5, expected an integer");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"reduction\": \"mean\"", "\"reduction\": \"avg\""))),
            "cases.json: case 0 \"article\": field \"reduction\": reduction 'avg' is not one of none, mean, sum");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"target_kind\": \"index\"", "\"target_kind\": \"soft\""))),
            "cases.json: case 0 \"article\": field \"target_kind\": is \"soft\", expected \"index\" or \"probs\"");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"ignore_index\": -100, ", ""))),
            "cases.json: case 0 \"article\": field \"ignore_index\" is missing");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"output\": [1.2729189131256584]", "\"output\": [1, 2]"))),
            "cases.json: case 0 \"article\": field \"output\": has 2 values but \"output_shape\" [] needs 1");
  EXPECT_EQ(parse_error(file_with(with(kGoodCase, "\"input_shape\": [1, 3]", "\"input_shape\": [1, -3]"))),
            "cases.json: case 0 \"article\": field \"input_shape\": dimension 1 is -3, negative");
  EXPECT_EQ(parse_error(file_with("7")), "cases.json: case 0: is 7, expected an object");
  EXPECT_EQ(parse_error(R"({"cases": 3})"), "cases.json: field \"cases\": is 3, expected an array");
  EXPECT_EQ(parse_error(R"([1])"), "cases.json: the top level is [1], expected an object with \"cases\"");
  EXPECT_EQ(parse_error("{").rfind("cases.json: not valid JSON: ", 0), 0u);
  try {
    read_golden_cases("/nonexistent/cases.json");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("/nonexistent/cases.json: cannot open", 0), 0u) << e.what();
  }
}

TEST(GoldenReader, ErrorCasesNeedNoOutput) {
  const auto text = file_with(R"({"name": "e", "input_shape": [2, 3], "input": [0, 0, 0, 0, 0, 0],
      "target_kind": "index", "target_shape": [2], "target": [0, 3], "weight": null, "ignore_index": -100,
      "reduction": "mean", "label_smoothing": 0.0, "expect_error": true, "error_hint": "Target 3 is out of bounds."})");
  const auto c = parse_golden_cases(text, "e.json").cases.at(0);
  EXPECT_TRUE(c.expect_error);
  EXPECT_EQ(c.error_hint, "Target 3 is out of bounds.");
  EXPECT_TRUE(check_golden_case<double>(c).passed);
}

TEST(GoldenCheck, PassesTheTruthAndReportsWhatDiffersAndByHowMuch) {
  GoldenCase c = parse_golden_cases(file_with(kGoodCase), "x.json").cases.at(0);
  EXPECT_TRUE(check_golden_case<double>(c).passed);
  EXPECT_TRUE(check_golden_case<float>(c).passed);

  c.grad_input[2] += 1e-6;
  auto r = check_golden_case<double>(c);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail,
            "grad_input[2]: got 0.3420087651598245 want 0.34200976515982445 (difference 9.999999999732445e-07, "
            "tolerance 1e-10)");
  EXPECT_TRUE(check_golden_case<float>(c).passed) << "1e-6 is within float's 1e-5";

  c.output[0] = 1.3;
  r = check_golden_case<double>(c);
  EXPECT_EQ(r.detail.rfind("output[0]: got 1.272918913125658", 0), 0u) << r.detail;

  c.output_shape = {1};
  EXPECT_EQ(check_golden_case<double>(c).detail, "output shape [], want [1]");

  c.expect_error = true;
  c.error_hint = "boom";
  EXPECT_EQ(check_golden_case<double>(c).detail,
            "expected an error (PyTorch: boom) but got a loss of 1.2729189131256584");

  c.expect_error = false;
  c.target_index = {5};
  EXPECT_EQ(check_golden_case<double>(c).detail, "unexpected error: target 5 at position 0 is out of range [0, 3) "
            "(PyTorch: IndexError: Target 5 is out of bounds.)");
}

TEST(GoldenCheck, NanMustMeetNanAndInfinityTheSameInfinity) {
  GoldenCase c = parse_golden_cases(file_with(kGoodCase), "x.json").cases.at(0);
  c.target_index = {-100};
  c.output = {NAN};
  c.grad_input = {0, 0, 0};
  EXPECT_TRUE(check_golden_case<double>(c).passed) << check_golden_case<double>(c).detail;
  c.output = {INFINITY};
  EXPECT_FALSE(check_golden_case<double>(c).passed);
  c.target_index = {0};
  c.input[0] = -INFINITY;
  EXPECT_FALSE(check_golden_case<double>(c).passed) << "inf loss vs expected inf, but grads differ";
  EXPECT_EQ(check_golden_case<double>(c).detail.rfind("grad_input[0]", 0), 0u) << check_golden_case<double>(c).detail;
}

template <typename T>
void expect_all_cases_pass(const std::string& path) {
  const GoldenFile file = read_golden_cases(path);
  ASSERT_FALSE(file.cases.empty()) << path;
  int errors = 0;
  for (const GoldenCase& c : file.cases) {
    const CaseResult r = check_golden_case<T>(c);
    EXPECT_TRUE(r.passed) << path << ": " << c.name << ": " << r.detail;
    errors += c.expect_error;
  }
  EXPECT_GT(errors, 0) << "the file checks errors too";
}

TEST(GoldenProjectFile, EveryCaseMatchesPyTorchInDouble) { expect_all_cases_pass<double>(kProjectFile); }
TEST(GoldenProjectFile, EveryCaseMatchesPyTorchInFloat) { expect_all_cases_pass<float>(kProjectFile); }

bool shared_file_exists() { return std::filesystem::exists(kSharedFile); }

TEST(GoldenSharedFile, EveryCaseMatchesPyTorchInDouble) {
  if (!shared_file_exists()) GTEST_SKIP() << kSharedFile << " is not there (it is optional)";
  expect_all_cases_pass<double>(kSharedFile);
}

TEST(GoldenSharedFile, EveryCaseMatchesPyTorchInFloat) {
  if (!shared_file_exists()) GTEST_SKIP() << kSharedFile << " is not there (it is optional)";
  expect_all_cases_pass<float>(kSharedFile);
}

// What a case exercises: target kind, reduction, weights, ignored targets, smoothing, input rank
// (1, 2 or more) and whether PyTorch raises.
using Ground = std::tuple<TargetKind, nn::Reduction, bool, bool, bool, size_t, bool>;

std::set<Ground> ground_of(const GoldenFile& file) {
  std::set<Ground> ground;
  for (const GoldenCase& c : file.cases) {
    bool ignored = false;
    for (const int64_t t : c.target_index) ignored |= t == c.options.ignore_index;
    ground.emplace(c.target_kind, c.options.reduction, c.options.weighted(), ignored, c.options.label_smoothing > 0,
                   std::min<size_t>(c.input_shape.size(), 3), c.expect_error);
  }
  return ground;
}

TEST(GoldenProjectFile, CoversAtLeastTheGroundOfTheSharedFile) {
  if (!shared_file_exists()) GTEST_SKIP() << kSharedFile << " is not there (it is optional)";
  const auto project = ground_of(read_golden_cases(kProjectFile));
  for (const Ground& g : ground_of(read_golden_cases(kSharedFile)))
    EXPECT_TRUE(project.count(g)) << "kind " << int(std::get<0>(g)) << " reduction " << int(std::get<1>(g))
                                  << " weight " << std::get<2>(g) << " ignored " << std::get<3>(g) << " smoothing "
                                  << std::get<4>(g) << " rank " << std::get<5>(g) << " error " << std::get<6>(g);
}

}  // namespace
}  // namespace celab::data
