// celab-app: Cross-Entropy Lab as a desktop program (SDL2 + OpenGL 3), the page's app on the desktop.
// Reads the shipped model and MNIST's test set from the source tree (`celab-app [MODEL_FILE]`), and
// trains in the frame loop, a slice per frame (the page trains in a Web Worker: web/main_web.cpp).
#include <cstdio>
#include <exception>
#include <string>

#include "app/core/local_training_runner.h"
#include "app/platform/program.h"
#include "data/file_bytes.h"
#include "data/idx.h"

namespace celab::app {
namespace {

class DesktopHooks : public FrameHooks {
 public:
  // Trains `state`'s lab from the state's model and test digits (load them first).
  explicit DesktopHooks(AppState& state)
      : lab_(state.training()), training_runner_(lab_, std::string(CELAB_SOURCE_DIR) + "/" + data::kMnistDefaultDir) {
    training_runner_.set_starting_point(state.pipeline() ? &state.pipeline()->loaded_model() : nullptr,
                                        state.test_digits());
    lab_.set_runner(&training_runner_);
  }
  ~DesktopHooks() override { lab_.set_runner(nullptr); }
  DesktopHooks(const DesktopHooks&) = delete;
  DesktopHooks& operator=(const DesktopHooks&) = delete;

  void before_ui() override { training_runner_.pump(kTrainingSliceMs); }

 private:
  static constexpr double kTrainingSliceMs = 8;
  TrainingLab& lab_;
  LocalTrainingRunner training_runner_;
};

// The shipped model (or MODEL_FILE) and MNIST's test set, from the source tree.
void load_files(AppState& state, const std::string& model_path) {
  try {
    state.load_model(data::read_file_bytes(model_path), model_path);
  } catch (const std::exception& e) {
    state.model_failed(e.what());
  }
  const std::string dir = std::string(CELAB_SOURCE_DIR) + "/" + data::kMnistDefaultDir;
  try {
    state.load_test_digits(data::read_file_bytes(dir + "/t10k-images-idx3-ubyte"),
                           data::read_file_bytes(dir + "/t10k-labels-idx1-ubyte"), dir + "/t10k");
  } catch (const std::exception& e) {
    state.test_digits_failed(e.what());
  }
}

App* the_app = nullptr;  // for the font request, a plain function

// The Chinese font from the build's own cut-down copy (cmake/page_text.cmake).
void read_chinese_font() {
  try {
    the_app->language().chinese_font_arrived(data::read_file_bytes(CELAB_ZH_FONT));
  } catch (const std::exception& e) {
    the_app->language().chinese_font_failed(e.what());
  }
}

int run(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: celab-app [MODEL_FILE]\n");
    return 2;
  }
  Program program;
  the_app = &program.app();
  the_app->language().set_font_request(read_chinese_font);
  AppState& state = the_app->state();
  load_files(state, argc == 2 ? argv[1] : std::string(CELAB_SOURCE_DIR) + "/assets/model.celab");
  DesktopHooks hooks(state);
  while (program.frame(hooks)) {
  }
  return 0;
}

}  // namespace
}  // namespace celab::app

int main(int argc, char** argv) {
  try {
    return celab::app::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "celab-app: %s\n", e.what());
    return 1;
  }
}
