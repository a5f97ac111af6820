// celab eval-strokes: recognition of labelled stroke drawings (JSONL), one line per drawing.
#include <cstdio>
#include <string>

#include "cli/classify.h"
#include "cli/commands.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/evaluation.h"
#include "data/file_bytes.h"
#include "data/preprocess.h"

namespace celab::cli {

void register_eval_strokes(CLI::App& app, int& exit_code) {
  struct Args {
    std::string file;
    std::string model = kDefaultModelPath;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("eval-strokes", "Accuracy on labelled stroke drawings (one JSON object a line)");
  cmd->add_option("file", args->file, "Drawings, JSON lines with a label each")->required();
  cmd->add_option("--model", args->model, "Model file")->capture_default_str();
  cmd->callback([args, &exit_code] {
    nn::Model model = load_model(args->model);
    const auto drawings = data::read_drawings(args->file);
    if (drawings.empty()) throw data::DataError(args->file + ": no drawings in the file");
    for (size_t i = 0; i < drawings.size(); ++i)
      if (!drawings[i].label)
        throw data::DataError(args->file + ": drawing " + std::to_string(i + 1) + " has no \"label\" to score against");

    data::Evaluation e;
    data::Preprocessor preprocessor;
    data::ModelInput input;
    std::printf("%5s %5s %9s %11s\n", "index", "label", "predicted", "probability");
    for (size_t i = 0; i < drawings.size(); ++i) {
      const int label = *drawings[i].label;
      if (!preprocessor.drawing_to_input(drawings[i], input)) {
        std::printf("%5zu %5d %9s %11s  (no ink: no digit)\n", i, label, "-", "-");
        e.add(label, -1);
        continue;
      }
      nn::Classification c;
      try {
        c = classify(model, input);
      } catch (const NonFiniteLogits& e) {
        throw data::DataError(args->model + ": " + e.what());
      }
      e.add(label, c.predicted);
      std::printf("%5zu %5d %9d %11.4f%s\n", i, label, c.predicted,
                  static_cast<double>(c.probabilities[static_cast<size_t>(c.predicted)]),
                  c.predicted == label ? "" : "  <- wrong");
    }
    std::printf("%s\n", data::format_accuracy(e).c_str());
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
