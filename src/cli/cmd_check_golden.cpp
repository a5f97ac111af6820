// celab check-golden FILE.json: runs every case of a golden file (the format of
// tests/golden/cross_entropy_cases.json) through the library and compares with PyTorch.
// One line per failing case, then "N passed, M failed". Exit 1 if any failed, 2 if the file
// cannot be read or is not in the format.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/strict_numbers.h"
#include "data/golden_cases.h"
#include "data/golden_check.h"

namespace celab::cli {
namespace {

struct CheckGoldenArgs {
  std::string path;
  std::string dtype = "double";
  double tolerance = 0;  // 0: the dtype's default
};

template <typename T>
bool check(const data::GoldenCase& c, const CheckGoldenArgs& args, const char* dtype) {
  const data::CaseResult r =
      data::check_golden_case<T>(c, args.tolerance > 0 ? args.tolerance : data::kGoldenTolerance<T>);
  if (!r.passed) std::printf("FAIL %s (%s): %s\n", c.name.c_str(), dtype, r.detail.c_str());
  return r.passed;
}

int run_check_golden(const CheckGoldenArgs& args) {
  const data::GoldenFile file = data::read_golden_cases(args.path);
  int passed = 0, failed = 0;
  for (const data::GoldenCase& c : file.cases) {
    bool ok = true;
    if (args.dtype != "float") ok &= check<double>(c, args, "double");
    if (args.dtype != "double") ok &= check<float>(c, args, "float");
    ++(ok ? passed : failed);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? kExitFailed : kExitOk;
}

}  // namespace

void register_check_golden(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckGoldenArgs>();
  CLI::App* cmd =
      app.add_subcommand("check-golden", "Check every case of a golden cross-entropy file against PyTorch's numbers");
  cmd->add_option("file", args->path, "Golden file (format of tests/golden/cross_entropy_cases.json)")->required();
  cmd->add_option("--dtype", args->dtype, "Compute in double, float or both")
      ->check(CLI::IsMember({"double", "float", "both"}))
      ->capture_default_str();
  cmd->add_option("--tolerance", args->tolerance,
                  "Allowed |got - want| / max(|want|, 1) (default: 1e-10 double, 1e-5 float)")
      ->check(positive_number());
  cmd->callback([args, &exit_code] { exit_code = run_check_golden(*args); });
}

}  // namespace celab::cli
