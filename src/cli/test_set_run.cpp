#include "cli/test_set_run.h"

#include <utility>

#include "cli/model_store.h"
#include "cli/strict_numbers.h"

namespace celab::cli {

void add_test_set_options(CLI::App& cmd, TestSetArgs& args) {
  cmd.add_option("--model", args.model, "Model file")->capture_default_str();
  cmd.add_option("--data", args.data_dir, "Directory with the MNIST IDX files")->capture_default_str();
  cmd.add_option("--threads", args.threads, "Threads")
      ->transform(strict_integer())
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

TestSetRun load_test_set_run(const TestSetArgs& args) {
  nn::Model model = load_model(args.model);
  model.set_threads(args.threads);
  return {std::move(model), data::load_mnist_split(args.data_dir, "t10k")};
}

}  // namespace celab::cli
