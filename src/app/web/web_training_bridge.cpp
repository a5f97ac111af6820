#include "app/web/web_training_bridge.h"

#include <emscripten.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/training_report.h"
#include "app/core/training_wire.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/js_text.h"
#include "app/web/web_app.h"
#include "nn/model_file.h"

// web/training_client.js (linked with --pre-js) defines celabTraining.
// JavaScript inside: clang-format would take it for C++ (and split `=>`).
// clang-format off
EM_JS(void, celab_js_training_fetch_data, (), { celabTraining.fetchData(); });
// A command's bytes (app/core/training_wire.h), copied out at once and posted to the worker.
EM_JS(void, celab_js_training_send, (const uint8_t* message, int size),
      { celabTraining.send(HEAPU8.slice(message, message + size)); });
EM_JS(void, celab_js_training_install, (), { celabTraining.install(); });
// clang-format on

namespace celab::app {
namespace {

TrainingLab& lab() { return web_app().state().training(); }

// The training lab's commands, encoded in the training wire's format and posted to the worker by
// web/training_client.js, which only forwards the bytes.
class WebTrainingRunner : public TrainingRunner {
 public:
  void fetch_data() override { celab_js_training_fetch_data(); }
  void start(const TrainingOptions& o, int run) override { send(wire::Start{run, o}); }
  void run() override { send(wire::Run{}); }
  void pause() override { send(wire::Pause{}); }
  void step_once() override { send(wire::Step{}); }
  void set_live_options(const TrainingOptions& o) override { send(wire::Set::of(o)); }
  void stop() override { send(wire::Stop{}); }

 private:
  static void send(const wire::Command& command) {
    const std::vector<uint8_t> message = wire::encode_command(command);
    celab_js_training_send(message.data(), static_cast<int>(message.size()));
  }
};

WebTrainingRunner runner;
std::vector<uint8_t> model_file;  // for modelFile()

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
  celab::app::request_progress_frame();
}
// 1 if the page took the files (0: they are bad, and the lab says why).
EMSCRIPTEN_KEEPALIVE int celab_training_data_arrived(const uint8_t* images, int images_size, const uint8_t* labels,
                                                     int labels_size) {
  lab().data_arrived(celab::app::span_of(images, images_size), celab::app::span_of(labels, labels_size),
                     "MNIST training digits");
  celab::app::request_frame();
  return lab().data_status() == celab::app::DataStatus::Ready ? 1 : 0;
}
// unreachable: 1 when no answer came at all (no network, and no copy kept by the service worker).
EMSCRIPTEN_KEEPALIVE void celab_training_data_failed(const char* reason, int unreachable) {
  lab().data_failed(std::string("MNIST training digits: ") + reason, unreachable != 0);
  celab::app::request_frame();
}

// A report of the worker (app/core/training_wire.h's bytes, as the worker posted them): progress into
// the lab, an error of the run under way or bytes that do not decode as the card's failure.
EMSCRIPTEN_KEEPALIVE void celab_training_report(const uint8_t* message, int size) {
  if (celab::app::wire::deliver_report(lab(), celab::app::span_of(message, size))) {
    celab::app::request_progress_frame();
  } else {
    celab::app::request_frame();
  }
}
// The worker itself failed (it could not be loaded, or an uncaught error): the run under way ends.
EMSCRIPTEN_KEEPALIVE void celab_training_worker_failed(const char* reason) {
  if (lab().has_run()) lab().failed(std::string("training: ") + reason);
  celab::app::request_frame();
}

// window.celab.startTraining(options), the options as JSON (training_report.h): null when applied,
// else why not (the caller throws it as a RangeError).
EMSCRIPTEN_KEEPALIVE const char* celab_start_training(const char* options_json) {
  const nlohmann::json options = nlohmann::json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  std::string why_not = options.is_discarded() ? "startTraining: the options are not JSON"
                                               : celab::app::apply_training_request(lab(), options);
  celab::app::request_frame();
  return why_not.empty() ? nullptr : celab::app::js_text(std::move(why_not));
}
EMSCRIPTEN_KEEPALIVE void celab_pause_training() {
  lab().pause();
  celab::app::request_frame();
}
EMSCRIPTEN_KEEPALIVE void celab_reset_model() {
  celab::app::web_app().state().reset_model();
  celab::app::request_frame();
}

// window.celab.modelFile(): the model file (nn::model_to_bytes) of the weights that predict now.
EMSCRIPTEN_KEEPALIVE const uint8_t* celab_model_file() {
  const celab::app::PredictionPipeline* pipeline = celab::app::web_app().state().pipeline();
  celab::app::model_file = pipeline ? celab::nn::model_to_bytes(pipeline->model()) : std::vector<uint8_t>{};
  return celab::app::model_file.data();
}
EMSCRIPTEN_KEEPALIVE int celab_model_file_size() { return static_cast<int>(celab::app::model_file.size()); }

// window.celab.training(), as JSON (training_report.h).
EMSCRIPTEN_KEEPALIVE const char* celab_training_json() {
  return celab::app::js_json(celab::app::training_report(lab()));
}

}  // extern "C"
