// celab predict: one drawing (strokes JSON) or picture (PNG) through the MNIST recipe and the model.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/classify.h"
#include "cli/commands.h"
#include "cli/model_store.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/picture.h"
#include "data/preprocess.h"

namespace celab::cli {
namespace {

void print_prediction(const std::string& what, const std::optional<data::ModelInput>& input, nn::Model& model) {
  std::printf("%s\n", what.c_str());
  if (!input) {
    std::printf("no digit: the drawing has no ink\n");
    return;
  }
  std::printf("model input (%dx%d, after the MNIST recipe):\n%s", data::kInputSide, data::kInputSide,
              ascii_art(*input).c_str());
  const nn::Classification c = classify(model, *input);
  std::printf("class  probability  logit\n");
  for (int k = 0; k < nn::kClasses; ++k)
    std::printf("%5d  %11.4f  %6.3f%s\n", k, static_cast<double>(c.probabilities[static_cast<size_t>(k)]),
                static_cast<double>(c.logits[static_cast<size_t>(k)]), k == c.predicted ? "  <- predicted" : "");
  std::printf("predicted: %d\n", c.predicted);
}

}  // namespace

void register_predict(CLI::App& app, int& exit_code) {
  struct Args {
    std::string strokes;
    std::string image;
    std::string model = kDefaultModelPath;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("predict", "Classify a stroke drawing (--strokes FILE.json) or a PNG picture");
  auto* strokes = cmd->add_option("--strokes", args->strokes, "Drawing(s) in the strokes format (JSON or JSON lines)");
  auto* image = cmd->add_option("image", args->image, "A PNG picture of one digit (light or dark background)");
  strokes->excludes(image);
  cmd->add_option("--model", args->model, "Model file")->capture_default_str();
  cmd->callback([args, &exit_code] {
    if (args->strokes.empty() && args->image.empty())
      throw CLI::ValidationError("predict", "give --strokes FILE.json or an IMAGE.png");
    nn::Model model = load_model(args->model);
    try {
      if (!args->image.empty()) {
        print_prediction(args->image, data::preprocess_canvas(data::read_png_ink(args->image)), model);
      } else {
        const auto drawings = data::read_drawings(args->strokes);
        if (drawings.empty()) throw data::DataError(args->strokes + ": no drawings in the file");
        for (size_t i = 0; i < drawings.size(); ++i) {
          std::string what = args->strokes + " drawing " + std::to_string(i + 1);
          if (drawings[i].label) what += " (label " + std::to_string(*drawings[i].label) + ")";
          print_prediction(what, data::preprocess_drawing(drawings[i]), model);
        }
      }
    } catch (const NonFiniteLogits& e) {
      throw data::DataError(args->model + ": " + e.what());
    }
    exit_code = kExitOk;
  });
}

}  // namespace celab::cli
