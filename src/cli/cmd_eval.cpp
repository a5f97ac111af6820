// celab eval: the model on the 10,000 MNIST test images: accuracy and mean cross-entropy, the
// confusion matrix (--confusion), the images of highest loss (--worst N) as a contact sheet (--png).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/calibration_report.h"
#include "cli/commands.h"
#include "cli/contact_sheet.h"
#include "cli/strict_numbers.h"
#include "cli/test_set_run.h"
#include "data/evaluation.h"
#include "data/idx.h"
#include "nn/calibration.h"

namespace celab::cli {

void register_eval(CLI::App& app, int& exit_code) {
  struct Args : TestSetArgs {
    bool confusion = false;
    int worst = 0;
    std::string png;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("eval", "Accuracy, confusion matrix and hardest images on the MNIST test set");
  add_test_set_options(*cmd, *args);
  cmd->add_flag("--confusion", args->confusion, "Print the confusion matrix (rows: true label)");
  auto* worst = cmd->add_option("--worst", args->worst, "Print the N test images of highest loss, highest first")
                    ->transform(strict_integer())
                    ->check(CLI::PositiveNumber);
  cmd->add_option("--png", args->png, "With --worst: write those images to this PNG as one contact sheet")
      ->needs(worst);
  cmd->callback([args, &exit_code] {
    TestSetRun run = load_test_set_run(*args);
    const data::MnistSplit& test = run.test;
    if (static_cast<size_t>(args->worst) > test.size())
      throw CLI::ValidationError("--worst " + std::to_string(args->worst) + " is more than the " +
                                 std::to_string(test.size()) + " test images");
    const nn::RowMatrix<float> logits = data::logits_of(run.model, test);
    const std::vector<int64_t> labels = data::labels_of(test);
    const data::Evaluation e = data::evaluation_of(logits, labels);
    if (args->confusion) std::printf("%s", data::format_confusion(e).c_str());
    if (args->worst > 0) {
      const nn::RowMatrix<double> logits64 = logits.cast<double>();
      const std::vector<double> losses = nn::sample_losses(logits64, labels);
      const std::vector<int64_t> predicted = nn::predicted_classes(logits64);
      const std::vector<int64_t> order = nn::hardest(losses, args->worst);
      std::printf("the %d test images of highest loss (cross-entropy, nats)\n", args->worst);
      std::printf("%s", format_hardest(order, labels, predicted, losses).c_str());
      if (!args->png.empty()) {
        std::vector<SheetTile> tiles;
        for (int64_t i : order)
          tiles.push_back({static_cast<size_t>(i), static_cast<int>(labels[static_cast<size_t>(i)]),
                           static_cast<int>(predicted[static_cast<size_t>(i)])});
        write_contact_sheet(args->png, test, tiles);
        std::printf("contact sheet: %s (%zu images; under each: label left, prediction right, red when wrong)\n",
                    args->png.c_str(), tiles.size());
      }
    }
    std::printf("mean cross-entropy: %.4f\n", e.mean_loss);
    std::printf("%s\n", data::format_accuracy(e).c_str());
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
