// celab calibrate: how sure the model is against how often it is right, on the 10,000 MNIST test
// images: reliability bins, ECE, MCE, NLL, accuracy, and a temperature fitted on one half.
#include <cstdio>
#include <string>

#include "cli/calibration_report.h"
#include "cli/commands.h"
#include "cli/test_set_run.h"
#include "data/calibration_json.h"
#include "data/evaluation.h"
#include "data/idx.h"
#include "nn/calibration.h"

namespace celab::cli {

void register_calibrate(CLI::App& app, int& exit_code) {
  struct Args : TestSetArgs {
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("calibrate", "Reliability bins, ECE, MCE, NLL and a fitted temperature on the MNIST test set");
  add_test_set_options(*cmd, *args);
  cmd->add_flag("--json", args->json, "Print the figures as one JSON object");
  cmd->callback([args, &exit_code] {
    TestSetRun run = load_test_set_run(*args);
    const nn::RowMatrix<double> logits = data::logits_of(run.model, run.test).cast<double>();
    const std::vector<int64_t> labels = data::labels_of(run.test);
    const nn::Calibration all = nn::calibration(logits, labels);
    const nn::TemperatureFit fit = nn::fit_temperature(logits, labels);
    if (args->json)
      std::printf("%s\n", data::calibration_json(all, fit).dump().c_str());
    else
      std::printf("%s", format_calibration(all, fit).c_str());
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
