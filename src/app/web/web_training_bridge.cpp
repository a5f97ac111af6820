#include "app/web/web_training_bridge.h"

#include <emscripten.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "app/page/app.h"
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

App* training_app = nullptr;

TrainingLab& lab() { return training_app->state().training(); }

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
std::vector<double> accuracy_pairs;  // step, accuracy, ... for training()
std::vector<uint8_t> model_file;     // for modelFile()

template <typename T>
std::span<const T> span_of(const T* p, int count) {
  return {p, static_cast<size_t>(count)};
}

}  // namespace

App& bridged_app_for_training() { return *training_app; }

void install_web_training(App& app) {
  training_app = &app;
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

// window.celab.startTraining: NaN (numbers) or -1 (choices) keep the card's option.
EMSCRIPTEN_KEEPALIVE void celab_start_training(int from_scratch, int optimizer, double lr, double batch_size,
                                               double seed, double label_smoothing) {
  celab::app::TrainingOptions& o = lab().edit_options();
  if (from_scratch >= 0) o.from_scratch = from_scratch != 0;
  if (optimizer >= 0) {
    const auto kind = optimizer == 1 ? celab::nn::OptimizerKind::Sgd : celab::nn::OptimizerKind::Adam;
    if (kind != o.optimizer.kind) o.optimizer.lr = celab::app::TrainingOptions::default_learning_rate(kind);
    o.optimizer.kind = kind;
  }
  if (std::isfinite(lr)) o.optimizer.lr = lr;
  if (std::isfinite(batch_size)) o.batch_size = static_cast<int>(batch_size);
  if (std::isfinite(seed)) o.seed = static_cast<uint64_t>(seed);
  if (std::isfinite(label_smoothing)) o.label_smoothing = label_smoothing;
  lab().sync();
  lab().start();
}
EMSCRIPTEN_KEEPALIVE void celab_pause_training() { lab().pause(); }
EMSCRIPTEN_KEEPALIVE void celab_reset_model() { celab::app::training_app->state().reset_model(); }

// window.celab.modelFile(): the model file (nn::model_to_bytes) of the weights that predict now.
EMSCRIPTEN_KEEPALIVE const uint8_t* celab_model_file() {
  const celab::app::PredictionPipeline* pipeline = celab::app::training_app->state().pipeline();
  celab::app::model_file = pipeline ? celab::nn::model_to_bytes(pipeline->model()) : std::vector<uint8_t>{};
  return celab::app::model_file.data();
}
EMSCRIPTEN_KEEPALIVE int celab_model_file_size() { return static_cast<int>(celab::app::model_file.size()); }

// window.celab.training(), read field by field.
EMSCRIPTEN_KEEPALIVE int celab_training_status() { return static_cast<int>(lab().status()); }
EMSCRIPTEN_KEEPALIVE double celab_training_steps() { return static_cast<double>(lab().steps()); }
EMSCRIPTEN_KEEPALIVE double celab_training_epochs() { return lab().epochs(); }
EMSCRIPTEN_KEEPALIVE double celab_training_images_per_second() { return lab().images_per_second(); }
EMSCRIPTEN_KEEPALIVE const float* celab_training_losses() { return lab().losses().data(); }
EMSCRIPTEN_KEEPALIVE const float* celab_training_running_means() { return lab().running_means().data(); }
EMSCRIPTEN_KEEPALIVE const double* celab_training_accuracies() {
  celab::app::accuracy_pairs.clear();
  for (const auto& a : lab().accuracies()) {
    celab::app::accuracy_pairs.push_back(static_cast<double>(a.step));
    celab::app::accuracy_pairs.push_back(a.accuracy);
  }
  return celab::app::accuracy_pairs.data();
}
EMSCRIPTEN_KEEPALIVE int celab_training_accuracy_count() { return static_cast<int>(lab().accuracies().size()); }
EMSCRIPTEN_KEEPALIVE int celab_training_data_status() { return static_cast<int>(lab().data_status()); }
EMSCRIPTEN_KEEPALIVE double celab_training_data_fraction() { return lab().data_fraction(); }
EMSCRIPTEN_KEEPALIVE const char* celab_training_error() { return lab().error().c_str(); }
EMSCRIPTEN_KEEPALIVE int celab_training_data_needs_network() { return lab().data_needs_network() ? 1 : 0; }
// The options of the run under way (of the next run when there is none): from_scratch, seed,
// optimizer (0 Adam, 1 SGD), lr, batch size, label smoothing, in that order.
EMSCRIPTEN_KEEPALIVE const double* celab_training_options() {
  static double values[6];
  const celab::app::TrainingOptions& o = lab().has_run() ? lab().run_options() : lab().options();
  values[0] = o.from_scratch ? 1 : 0;
  values[1] = static_cast<double>(o.seed);
  values[2] = o.optimizer.kind == celab::nn::OptimizerKind::Sgd ? 1 : 0;
  values[3] = o.optimizer.lr;
  values[4] = o.batch_size;
  values[5] = o.label_smoothing;
  return values;
}

}  // extern "C"
