// celab calibrate: how sure the model is against how often it is right, on the 10,000 MNIST test
// images: reliability bins, ECE, MCE, NLL, accuracy, and a temperature fitted on one half.
#include <cstdio>
#include <string>

#include "cli/calibration_report.h"
#include "cli/commands.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "cli/strict_numbers.h"
#include "data/calibration_json.h"
#include "data/evaluation.h"
#include "data/idx.h"
#include "nn/calibration.h"

namespace celab::cli {

void register_calibrate(CLI::App& app, int& exit_code) {
  struct Args {
    std::string model = kDefaultModelPath;
    std::string data_dir = kDefaultMnistDir;
    int threads = 1;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("calibrate", "Reliability bins, ECE, MCE, NLL and a fitted temperature on the MNIST test set");
  cmd->add_option("--model", args->model, "Model file")->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Directory with the MNIST IDX files")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the figures as one JSON object");
  cmd->callback([args, &exit_code] {
    nn::Model model = load_model(args->model);
    model.set_threads(args->threads);
    const data::MnistSplit test = data::load_mnist_split(args->data_dir, "t10k");
    const nn::RowMatrix<double> logits = data::logits_of(model, test).cast<double>();
    const std::vector<int64_t> labels = data::labels_of(test);
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
