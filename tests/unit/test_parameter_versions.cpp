// Parameter versions (nn/parameter.h): Conv2d remakes its Winograd weights when their version has
// moved, so every way of writing a model's weights must move it. Each writer below runs on a model
// whose Winograd weights were made from the weights before the write; its next forward pass must
// equal, bit for bit, that of a model freshly loaded with the written weights. A writer that left
// the version alone would forward with the old transformed weights.
//
// Winograd pays only without wide vectors (winograd.h), so natively it is asked for
// (Model::set_winograd); the first test checks that it then runs.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/core/prediction.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/image.h"
#include "data/raster.h"
#include "nn/adam.h"
#include "nn/architecture.h"
#include "nn/model.h"
#include "nn/model_file.h"
#include "nn/sgd.h"
#include "nn/training_step.h"

namespace celab {
namespace {

using Matrix = nn::RowMatrix<float>;

Matrix images(int n, uint64_t seed) {
  nn::Rng rng(seed);
  Matrix x(n, nn::kInputSize);
  for (float& v : x.reshaped()) v = static_cast<float>(rng.uniform());
  return x;
}

// A model of seed `seed` that runs its 3 x 3 convolutions by Winograd, its transformed weights
// made (one forward pass).
nn::Model winograd_model(uint64_t seed) {
  nn::Model m(seed);
  m.set_winograd(true);
  m.forward(images(2, 99), nn::Mode::Eval);
  return m;
}

Matrix logits(nn::Model& m, const Matrix& x) { return m.forward(x, nn::Mode::Eval); }

// The logits of a model that never forwarded before, with m's weights and statistics.
Matrix fresh_logits(const nn::Model& m, const Matrix& x) {
  nn::Model fresh = nn::model_from_bytes(nn::model_to_bytes(m));
  fresh.set_winograd(true);
  return logits(fresh, x);
}

// m's next forward pass equals a fresh model's, and the write changed the logits (else the check
// would prove nothing).
void expect_forward_as_fresh(nn::Model& m, const Matrix& before, const std::string& writer) {
  const Matrix x = images(3, 7);
  const Matrix got = logits(m, x), want = fresh_logits(m, x);
  EXPECT_NE(got, before) << writer << " did not change the logits: the check proves nothing";
  EXPECT_EQ(got, want) << writer << ": forward used Winograd weights of the weights before the write";
}

void fill_grads(nn::Model& m, uint64_t seed) {
  nn::Rng rng(seed);
  for (const nn::Parameter& p : m.parameters())
    for (float& g : p.grad) g = static_cast<float>(rng.uniform(-1.0, 1.0));
}

TEST(ParameterVersions, AskedForWinogradRunsNatively) {
  nn::Model direct(3), winograd(3);
  winograd.set_winograd(true);
  const Matrix x = images(3, 7);
  const Matrix a = logits(direct, x), b = logits(winograd, x);
  // The same sums in another order: equal to rounding, and not bit for bit.
  EXPECT_NE(a, b) << "set_winograd(true) did not change the forward path";
  EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-4f);
}

TEST(ParameterVersions, EveryWriterOfTheModelMovesThem) {
  const Matrix x = images(3, 7);
  {
    nn::Model m = winograd_model(1);
    const Matrix before = logits(m, x);
    m.init(2);
    expect_forward_as_fresh(m, before, "Model::init");
  }
  {
    nn::Model m = winograd_model(1);
    const Matrix before = logits(m, x);
    fill_grads(m, 5);
    nn::Sgd(m.parameters(), {.lr = 0.1, .momentum = 0.9}).step();
    expect_forward_as_fresh(m, before, "Sgd::step");
  }
  {
    nn::Model m = winograd_model(1);
    const Matrix before = logits(m, x);
    fill_grads(m, 6);
    nn::Adam(m.parameters(), {.lr = 0.01}).step();
    expect_forward_as_fresh(m, before, "Adam::step");
  }
  {
    nn::Model m = winograd_model(1);
    nn::TrainingStep step(m, {.kind = nn::OptimizerKind::Adam, .lr = 0.01});
    const std::vector<int64_t> targets = {1, 2, 3, 4};
    for (int i = 0; i < 3; ++i) {
      const Matrix before = logits(m, x);
      step.run(images(4, 20 + i), targets);
      expect_forward_as_fresh(m, before, "TrainingStep::run " + std::to_string(i));
    }
  }
  {
    nn::Model m = winograd_model(1);
    const Matrix before = logits(m, x);
    m = nn::model_from_bytes(nn::model_to_bytes(winograd_model(2)));  // loading, moved in
    m.set_winograd(true);
    expect_forward_as_fresh(m, before, "model_from_bytes");
  }
  {
    nn::Model m = winograd_model(1);
    const nn::Model other = winograd_model(2);
    const Matrix before = logits(m, x);
    m = other;  // copy assignment, into m's storage
    expect_forward_as_fresh(m, before, "Model::operator=");
  }
  {
    // A copy made before the original's weights change, then assigned back: versions may repeat
    // across models, but never for different weights within one.
    nn::Model m = winograd_model(1);
    const nn::Model saved(m);
    fill_grads(m, 7);
    nn::Sgd(m.parameters(), {.lr = 0.1}).step();
    const Matrix before = logits(m, x);
    m = saved;
    expect_forward_as_fresh(m, before, "Model::operator= of an earlier copy");
  }
  {
    nn::Model m = winograd_model(1);
    nn::Model copy(m);  // copy construction: its cache is m's, valid for m's weights
    const Matrix before = logits(copy, x);
    fill_grads(copy, 8);
    nn::Sgd(copy.parameters(), {.lr = 0.1}).step();
    expect_forward_as_fresh(copy, before, "Sgd::step on a copy");
    EXPECT_EQ(logits(m, x), before) << "the original changed with its copy";
  }
}

TEST(ParameterVersions, TheWritersOfThePageMoveThem) {
  nn::Model shipped = nn::model_from_bytes(data::read_file_bytes(cli::kDefaultModelPath));
  shipped.set_winograd(true);
  const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  data::Image canvas;
  data::render_drawing(drawings.at(3), canvas);
  const nn::CrossEntropyOptions<double> options;

  app::PredictionPipeline pipeline(shipped);
  pipeline.update(canvas, 0, options);  // Winograd weights made from the shipped ones
  const Matrix input = Eigen::Map<const Matrix>(pipeline.prediction().input.data(), 1, nn::kInputSize);
  auto expect_prediction_as_fresh = [&](const std::string& writer) {
    const Matrix want = fresh_logits(pipeline.model(), input);
    for (int c = 0; c < nn::kClasses; ++c)
      EXPECT_EQ(pipeline.prediction().logits[c], want(0, c)) << writer << ": logit " << c;
  };
  const float shipped_logit = pipeline.prediction().logits[0];

  ASSERT_TRUE(pipeline.learn(0.5, options));  // "Learn this"
  EXPECT_NE(pipeline.prediction().logits[0], shipped_logit);
  expect_prediction_as_fresh("Learn this");

  pipeline.reset_model(options);  // "Reset model": the loaded weights assigned back
  EXPECT_EQ(pipeline.prediction().logits[0], shipped_logit);
  expect_prediction_as_fresh("Reset model");

  ASSERT_TRUE(pipeline.learn(0.5, options));
  nn::Model trained = winograd_model(4);  // the training card's weights, as it trains
  pipeline.use_model(trained);
  pipeline.update_loss(0, options);
  expect_prediction_as_fresh("use_model");
}

}  // namespace
}  // namespace celab
