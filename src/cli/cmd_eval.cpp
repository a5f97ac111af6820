// celab eval: the model on the 10,000 MNIST test images.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "cli/strict_numbers.h"
#include "data/evaluation.h"
#include "data/idx.h"

namespace celab::cli {

void register_eval(CLI::App& app, int& exit_code) {
  struct Args {
    std::string model = kDefaultModelPath;
    std::string data_dir = kDefaultMnistDir;
    int threads = 1;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("eval", "Accuracy and confusion matrix on the MNIST test set");
  cmd->add_option("--model", args->model, "Model file")->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Directory with the MNIST IDX files")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->callback([args, &exit_code] {
    nn::Model model = load_model(args->model);
    model.set_threads(args->threads);
    const data::MnistSplit test = data::load_mnist_split(args->data_dir, "t10k");
    const data::Evaluation e = data::evaluate(model, test);
    std::printf("%s", data::format_confusion(e).c_str());
    std::printf("mean cross-entropy: %.4f\n", e.mean_loss);
    std::printf("%s\n", data::format_accuracy(e).c_str());
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
