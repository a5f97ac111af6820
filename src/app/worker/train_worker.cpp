// The page's training engine in a Web Worker (web/train_worker.js drives it): the same
// TrainingSession the desktop runs in its frame loop, so the page's steps are the library's and
// never hold up a frame. C functions for the worker's JavaScript; every failure becomes a message
// (celab_worker_error), never an abort.
#include <emscripten.h>

#include <exception>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/core/training_session.h"
#include "data/idx.h"
#include "nn/criterion.h"
#include "nn/model_file.h"

namespace {

using celab::app::TrainingOptions;
using celab::app::TrainingProgress;
using celab::app::TrainingSession;

std::optional<TrainingSession> session;
std::optional<celab::nn::Model> shipped;
TrainingProgress progress;
std::vector<double> accuracy_triples;  // step, accuracy, nll, step, accuracy, nll, ...
std::string error;

std::span<const uint8_t> bytes(const uint8_t* p, int size) { return {p, static_cast<size_t>(size)}; }

celab::data::MnistSplit split(const uint8_t* images, int images_size, const uint8_t* labels, int labels_size,
                              const std::string& name) {
  return celab::data::parse_mnist_split(bytes(images, images_size), bytes(labels, labels_size), name);
}

// Runs `f`; on an exception keeps its message and returns false.
template <typename F>
bool guarded(F&& f) {
  try {
    f();
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* celab_worker_error() { return error.c_str(); }

// The training digits, the test digits and the shipped model (model_size 0: none). 1 on success.
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

// optimizer: 0 Adam, 1 SGD with `momentum`; criterion: its name (nn/criterion.h). 1 on success.
EMSCRIPTEN_KEEPALIVE int celab_worker_start(int from_scratch, double seed, int optimizer, double lr, double momentum,
                                            int batch_size, double label_smoothing, const char* criterion) {
  return guarded([&] {
    if (!session) throw std::runtime_error("no training digits loaded");
    if (!from_scratch && !shipped) throw std::runtime_error("no shipped model to start from");
    TrainingOptions o;
    o.from_scratch = from_scratch != 0;
    o.seed = static_cast<uint64_t>(seed);
    o.optimizer = {.kind = optimizer == 1 ? celab::nn::OptimizerKind::Sgd : celab::nn::OptimizerKind::Adam,
                   .lr = lr,
                   .momentum = momentum};
    o.batch_size = batch_size;
    o.label_smoothing = label_smoothing;
    o.criterion = celab::nn::parse_criterion(criterion);
    session->start(o, shipped ? *shipped : celab::nn::Model(0));
  });
}

EMSCRIPTEN_KEEPALIVE void celab_worker_set(double lr, int batch_size, double label_smoothing) {
  if (!session) return;
  session->set_learning_rate(lr);
  session->set_batch_size(batch_size);
  session->set_label_smoothing(label_smoothing);
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

// Takes what happened since the last call; 0 if nothing did. Read it with the getters below.
EMSCRIPTEN_KEEPALIVE int celab_worker_take_progress() {
  if (!session || !session->started() || !session->has_unreported()) return 0;
  progress = session->take_progress();
  accuracy_triples.clear();
  for (const auto& a : progress.accuracies) {
    accuracy_triples.push_back(static_cast<double>(a.step));
    accuracy_triples.push_back(a.accuracy);
    accuracy_triples.push_back(a.nll);
  }
  return 1;
}

EMSCRIPTEN_KEEPALIVE double celab_worker_steps() { return static_cast<double>(progress.steps); }
EMSCRIPTEN_KEEPALIVE double celab_worker_epochs() { return progress.epochs; }
EMSCRIPTEN_KEEPALIVE double celab_worker_images_per_second() { return progress.images_per_second; }
EMSCRIPTEN_KEEPALIVE const float* celab_worker_losses() { return progress.losses.data(); }
EMSCRIPTEN_KEEPALIVE int celab_worker_loss_count() { return static_cast<int>(progress.losses.size()); }
EMSCRIPTEN_KEEPALIVE const double* celab_worker_accuracies() { return accuracy_triples.data(); }
EMSCRIPTEN_KEEPALIVE int celab_worker_accuracy_count() { return static_cast<int>(progress.accuracies.size()); }
EMSCRIPTEN_KEEPALIVE const uint8_t* celab_worker_model() { return progress.model.data(); }
EMSCRIPTEN_KEEPALIVE int celab_worker_model_size() { return static_cast<int>(progress.model.size()); }

}  // extern "C"
