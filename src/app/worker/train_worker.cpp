// The page's training engine in a Web Worker (web/train_worker.js drives it): the same
// TrainingSession the desktop runs in its frame loop, so the page's steps are the library's and
// never hold up a frame. C functions for the worker's JavaScript, which only forwards bytes: the
// page's commands come in and the reports go out in the training wire's format
// (app/core/training_wire.h), decoded and encoded here. Every failure becomes an Error report,
// never an abort.
#include <emscripten.h>

#include <exception>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "app/core/training_session.h"
#include "app/core/training_wire.h"
#include "data/idx.h"
#include "nn/model_file.h"

namespace {

namespace wire = celab::app::wire;
using celab::app::TrainingSession;

std::optional<TrainingSession> session;
std::optional<celab::nn::Model> shipped;
int run = 0;                       // of the last Start: stamped on its reports
bool running = false;              // between Run and Pause, Step or Stop: the JavaScript schedules slices
std::optional<std::string> error;  // a failure not yet reported
std::vector<uint8_t> report;       // the last report's bytes, until the next celab_worker_report

std::span<const uint8_t> bytes(const uint8_t* p, int size) { return {p, static_cast<size_t>(size)}; }

celab::data::MnistSplit split(const uint8_t* images, int images_size, const uint8_t* labels, int labels_size,
                              const std::string& name) {
  return celab::data::parse_mnist_split(bytes(images, images_size), bytes(labels, labels_size), name);
}

// Runs `f`; on an exception keeps its message for the next report, stops running and returns false.
template <typename F>
bool guarded(F&& f) {
  try {
    f();
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    running = false;
    return false;
  }
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

void apply(const wire::Command& command) {
  std::visit(Overloaded{
                 [](const wire::Start& s) {
                   run = s.run;
                   running = false;
                   if (!session) throw std::runtime_error("no training digits loaded");
                   if (!s.options.from_scratch && !shipped) throw std::runtime_error("no shipped model to start from");
                   session->start(s.options, shipped ? *shipped : celab::nn::Model(0));
                 },
                 [](const wire::Run&) {
                   if (!session || !session->started()) throw std::runtime_error("no run started");
                   running = true;
                 },
                 [](const wire::Pause&) { running = false; },
                 [](const wire::Stop&) { running = false; },
                 [](const wire::Step&) {
                   running = false;
                   if (!session || !session->started()) throw std::runtime_error("no run started");
                   session->run_for(0, 1);
                 },
                 [](const wire::Set& s) {
                   if (!session) return;
                   session->set_learning_rate(s.lr);
                   session->set_batch_size(s.batch_size);
                   session->set_label_smoothing(s.label_smoothing);
                 },
             },
             command);
}

}  // namespace

extern "C" {

// The training digits, the test digits and the shipped model (model_size 0: none): the bulk load,
// the one message outside the wire. 1 on success; 0 with the reason in the next report.
EMSCRIPTEN_KEEPALIVE int celab_worker_load(const uint8_t* train_images, int train_images_size,
                                           const uint8_t* train_labels, int train_labels_size,
                                           const uint8_t* test_images, int test_images_size, const uint8_t* test_labels,
                                           int test_labels_size, const uint8_t* model, int model_size) {
  return guarded([&] {
    session.reset();
    celab::data::MnistSplit test =
        test_images_size > 0 ? split(test_images, test_images_size, test_labels, test_labels_size, "MNIST test digits")
                             : celab::data::MnistSplit{};
    session.emplace(split(train_images, train_images_size, train_labels, train_labels_size, "MNIST training digits"),
                    std::move(test));
    if (model_size > 0) shipped = celab::nn::model_from_bytes(bytes(model, model_size));
  });
}

// A command of the page (wire::Command's bytes), decoded and applied: Start begins a run (paused),
// Step takes its one step here. Returns -1 on failure (the reason in the next report), else 1 while
// the run is running (the JavaScript schedules slices of celab_worker_run) and 0 when it is not.
EMSCRIPTEN_KEEPALIVE int celab_worker_command(const uint8_t* message, int size) {
  const bool ok = guarded([&] { apply(wire::decode_command(bytes(message, size))); });
  return ok ? (running ? 1 : 0) : -1;
}

// Steps for about budget_ms (at least one, at most max_steps): the steps taken, or -1 on failure.
EMSCRIPTEN_KEEPALIVE int celab_worker_run(double budget_ms, int max_steps) {
  int taken = 0;
  const bool ok = guarded([&] {
    if (!session || !session->started()) throw std::runtime_error("no run started");
    taken = session->run_for(budget_ms, max_steps);
  });
  return ok ? taken : -1;
}

// What to post to the page (wire::Report's bytes, celab_worker_report_size of them): the failure not
// yet reported as an Error, else what happened since the last report as a Progress; size 0 when
// nothing is new. Valid until the next call.
EMSCRIPTEN_KEEPALIVE const uint8_t* celab_worker_report() {
  report.clear();
  if (error) {
    report = wire::encode_report(wire::Error{run, *error});
    error.reset();
  } else if (session && session->started() && session->has_unreported()) {
    celab::app::TrainingProgress p = session->take_progress();
    p.run = run;
    report = wire::encode_report(p);
  }
  return report.data();
}
EMSCRIPTEN_KEEPALIVE int celab_worker_report_size() { return static_cast<int>(report.size()); }

}  // extern "C"
