#include "app/web/web_training_bridge.h"

#include <emscripten.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/training_report.h"
#include "app/page/app.h"
#include "app/web/web_app.h"
#include "nn/model_file.h"

// web/training_client.js (linked with --pre-js) defines celabTraining.
// JavaScript inside: clang-format would take it for C++ (and split `=>`).
// clang-format off
EM_JS(void, celab_js_training_fetch_data, (), { celabTraining.fetchData(); });
EM_JS(void, celab_js_training_start,
      (int run, int from_scratch, double seed, int optimizer, double lr, double momentum, int batch_size,
       double label_smoothing),
      {
        celabTraining.start(run, {
          fromScratch : !!from_scratch,
          seed,
          optimizer,
          lr,
          momentum,
          batchSize : batch_size,
          labelSmoothing : label_smoothing
        });
      });
EM_JS(void, celab_js_training_command, (const char* type), { celabTraining.command(UTF8ToString(type)); });
EM_JS(void, celab_js_training_set, (double lr, int batch_size, double label_smoothing),
      { celabTraining.set({lr, batchSize : batch_size, labelSmoothing : label_smoothing}); });
EM_JS(void, celab_js_training_install, (), { celabTraining.install(); });
// clang-format on

namespace celab::app {
namespace {

TrainingLab& lab() { return web_app().state().training(); }

// The training lab's commands, to the worker through web/training_client.js.
class WebTrainingRunner : public TrainingRunner {
 public:
  void fetch_data() override { celab_js_training_fetch_data(); }
  void start(const TrainingOptions& o, int run) override {
    celab_js_training_start(run, o.from_scratch ? 1 : 0, static_cast<double>(o.seed),
                            o.optimizer.kind == nn::OptimizerKind::Sgd ? 1 : 0, o.optimizer.lr, o.optimizer.momentum,
                            o.batch_size, o.label_smoothing);
  }
  void run() override { celab_js_training_command("run"); }
  void pause() override { celab_js_training_command("pause"); }
  void step_once() override { celab_js_training_command("step"); }
  void set_live_options(const TrainingOptions& o) override {
    celab_js_training_set(o.optimizer.lr, o.batch_size, o.label_smoothing);
  }
  void stop() override { celab_js_training_command("stop"); }
};

WebTrainingRunner runner;
std::vector<uint8_t> model_file;  // for modelFile()
std::string answer;               // the last string handed to JavaScript, which copies it out at once

template <typename T>
std::span<const T> span_of(const T* p, int count) {
  return {p, static_cast<size_t>(count)};
}

}  // namespace

void install_web_training() {
  lab().set_runner(&runner);
  celab_js_training_install();
}

}  // namespace celab::app

using celab::app::lab;

extern "C" {

// The training digits' download.
EMSCRIPTEN_KEEPALIVE void celab_training_data_progress(double received, double total) {
  lab().data_progress(received, total);
}
// 1 if the page took the files (0: they are bad, and the lab says why).
EMSCRIPTEN_KEEPALIVE int celab_training_data_arrived(const uint8_t* images, int images_size, const uint8_t* labels,
                                                     int labels_size) {
  lab().data_arrived(celab::app::span_of(images, images_size), celab::app::span_of(labels, labels_size),
                     "MNIST training digits");
  return lab().data_status() == celab::app::DataStatus::Ready ? 1 : 0;
}
// unreachable: 1 when no answer came at all (no network, and no copy kept by the service worker).
EMSCRIPTEN_KEEPALIVE void celab_training_data_failed(const char* reason, int unreachable) {
  lab().data_failed(std::string("MNIST training digits: ") + reason, unreachable != 0);
}

// A report of the worker. accuracies: step, accuracy pairs.
EMSCRIPTEN_KEEPALIVE void celab_training_progress(int run, double steps, double epochs, double images_per_second,
                                                  const float* losses, int loss_count, const double* accuracies,
                                                  int accuracy_count, const uint8_t* model, int model_size) {
  celab::app::TrainingProgress p;
  p.run = run;
  p.steps = static_cast<int64_t>(steps);
  p.epochs = epochs;
  p.images_per_second = images_per_second;
  p.losses.assign(losses, losses + loss_count);
  for (int i = 0; i < accuracy_count; ++i)
    p.accuracies.push_back({static_cast<int64_t>(accuracies[2 * i]), accuracies[2 * i + 1]});
  p.model.assign(model, model + model_size);
  lab().progress(p);
}
EMSCRIPTEN_KEEPALIVE void celab_training_failed(int run, const char* reason) {
  if (run == lab().run() && lab().has_run()) lab().failed(std::string("training: ") + reason);
}

// window.celab.startTraining(options), the options as JSON (training_report.h): null when applied,
// else why not (the caller throws it as a RangeError).
EMSCRIPTEN_KEEPALIVE const char* celab_start_training(const char* options_json) {
  const nlohmann::json options = nlohmann::json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  celab::app::answer = options.is_discarded() ? "startTraining: the options are not JSON"
                                              : celab::app::apply_training_request(lab(), options);
  return celab::app::answer.empty() ? nullptr : celab::app::answer.c_str();
}
EMSCRIPTEN_KEEPALIVE void celab_pause_training() { lab().pause(); }
EMSCRIPTEN_KEEPALIVE void celab_reset_model() { celab::app::web_app().state().reset_model(); }

// window.celab.modelFile(): the model file (nn::model_to_bytes) of the weights that predict now.
EMSCRIPTEN_KEEPALIVE const uint8_t* celab_model_file() {
  const celab::app::PredictionPipeline* pipeline = celab::app::web_app().state().pipeline();
  celab::app::model_file = pipeline ? celab::nn::model_to_bytes(pipeline->model()) : std::vector<uint8_t>{};
  return celab::app::model_file.data();
}
EMSCRIPTEN_KEEPALIVE int celab_model_file_size() { return static_cast<int>(celab::app::model_file.size()); }

// window.celab.training(), as JSON (training_report.h).
EMSCRIPTEN_KEEPALIVE const char* celab_training_json() {
  celab::app::answer = celab::app::training_report(lab()).dump();
  return celab::app::answer.c_str();
}

}  // extern "C"
