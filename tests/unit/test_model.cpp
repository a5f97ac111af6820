// The whole model: dL/dx by finite differences, determinism (seed, thread count, batch split),
// copies, no allocation in steady state, and its error cases.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "architecture_counts.h"
#include "malloc_counter.h"
#include "nn/architecture.h"
#include "nn/model.h"
#include "nn/sgd.h"

namespace celab::nn {
namespace {

using Matrix = RowMatrix<float>;

// Digit-like images: a random blob of "ink" in the middle (a border of kInk on every side),
// pixels in [0, 1].
constexpr int kInk = 6;
Matrix images(int n, uint64_t seed) {
  Rng rng(seed);
  Matrix x = Matrix::Zero(n, kInputSize);
  for (int i = 0; i < n; ++i)
    for (int y = kInk; y < kInputHeight - kInk; ++y)
      for (int c = kInk; c < kInputWidth - kInk; ++c) x(i, y * kInputWidth + c) = static_cast<float>(rng.uniform());
  return x;
}

Matrix random_matrix(int rows, int cols, uint64_t seed) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (float& v : m.reshaped()) v = static_cast<float>(rng.uniform(-1.0, 1.0));
  return m;
}

std::vector<float> all_grads(Model& m) {
  std::vector<float> out;
  for (const Parameter& p : m.parameters()) out.insert(out.end(), p.grad.begin(), p.grad.end());
  return out;
}

std::vector<float> all_state(const Model& m) {
  std::vector<float> out;
  for (const ConstStateTensor& t : m.state()) out.insert(out.end(), t.value.begin(), t.value.end());
  return out;
}

// dL/dx of L = sum(r * logits) against central differences (loss accumulated in double), pixel
// by pixel at 200 random ink pixels. ReLU and max pooling make the loss only piecewise smooth: a
// step of eps at one pixel moves about a thousand units, and now and then one of them crosses
// its kink, which bends that pixel's difference quotient (the exact comparison, every pixel, is
// the PyTorch reference test). So most pixels (80%; about 88% do), not all, must match.
void check_input_gradient(Mode mode) {
  Model model(3);
  if (mode == Mode::Eval) {  // running statistics away from (0, 1) first
    for (int i = 0; i < 3; ++i) model.forward(images(16, 10 + i), Mode::Train);
  }
  const Matrix x = images(2, 4), r = random_matrix(2, kClasses, 5);
  auto loss = [&](const Matrix& input) {
    const auto logits = model.forward(input, mode);
    return (logits.cast<double>().array() * r.cast<double>().array()).sum();
  };
  model.forward(x, mode);
  const Matrix dx = model.backward(r);
  const double eps = 1e-3;
  Rng rng(6);
  int matches = 0, nonzero = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const int i = static_cast<int>(rng.below(2));
    const int j = (kInk + static_cast<int>(rng.below(kInputHeight - 2 * kInk))) * kInputWidth + kInk +
                  static_cast<int>(rng.below(kInputWidth - 2 * kInk));
    Matrix probe = x;
    probe(i, j) = x(i, j) + static_cast<float>(eps);
    const double up = loss(probe);
    probe(i, j) = x(i, j) - static_cast<float>(eps);
    const double down = loss(probe);
    matches += std::abs((up - down) / (2 * eps) - dx(i, j)) <= 2e-3 + 2e-2 * std::abs(dx(i, j));
    nonzero += std::abs(dx(i, j)) > 1e-2;
  }
  EXPECT_GE(matches, 160) << "of 200 pixels";
  EXPECT_GE(nonzero, 150) << "pixels with a gradient worth checking";
}

TEST(Model, InputGradientMatchesFiniteDifferencesInEvalMode) { check_input_gradient(Mode::Eval); }
TEST(Model, InputGradientMatchesFiniteDifferencesInTrainMode) { check_input_gradient(Mode::Train); }

TEST(Model, ArchitectureShapesAndSizes) {
  Model model;
  EXPECT_EQ(model.shape_at(0, 5), (Shape{5, kInputChannels, kInputHeight, kInputWidth}));
  EXPECT_EQ(model.shape_at(model.layers().size(), 5), (Shape{5, kClasses, 1, 1}));
  EXPECT_EQ(model.parameter_count(), celab::testing::architecture_counts().parameters);
}

TEST(Model, SameSeedSameWeightsOtherSeedOtherWeights) {
  EXPECT_EQ(all_state(Model(7)), all_state(Model(7)));
  EXPECT_NE(all_state(Model(7)), all_state(Model(8)));
  Model reinit(8);
  reinit.init(7);
  EXPECT_EQ(all_state(reinit), all_state(Model(7)));
}

// Convolutions He normal, std sqrt(2 / fan_in); the classifier (the last layer, whose outputs are the
// logits) uniform in +-0.5 / sqrt(fan_in), std 0.5 / sqrt(3 fan_in), so a fresh network's logits are
// near 0.
TEST(Model, InitialisationHasTheExpectedSpread) {
  Model model(11);
  const std::vector<Parameter> parameters = model.parameters();
  for (const Parameter& p : parameters) {
    if (p.shape.size() < 2) continue;  // biases and batch-norm affine
    double sum_sq = 0.0;
    for (float v : p.value) sum_sq += double{v} * v;
    const int fan_in = static_cast<int>(p.value.size()) / p.shape[0];
    const bool classifier = &p == &parameters[parameters.size() - 2];  // its weight; the bias comes last
    const double expected = classifier ? 0.5 / std::sqrt(3.0 * fan_in) : std::sqrt(2.0 / fan_in);
    EXPECT_NEAR(std::sqrt(sum_sq / p.value.size()), expected, 0.25 * expected) << p.name;
  }
}

TEST(Model, ResultsDoNotDependOnTheThreadCount) {
  const Matrix x = images(37, 12), d = random_matrix(37, kClasses, 13);
  std::vector<std::vector<float>> logits, dx, grads, state;
  for (int threads : {1, 2, 3}) {
    Model model(14);
    model.set_threads(threads);
    EXPECT_EQ(model.threads(), threads);
    const auto l = model.forward(x, Mode::Train);
    logits.emplace_back(l.data(), l.data() + l.size());
    const auto g = model.backward(d);
    dx.emplace_back(g.data(), g.data() + g.size());
    grads.push_back(all_grads(model));
    state.push_back(all_state(model));
  }
  for (size_t t = 1; t < logits.size(); ++t) {
    EXPECT_EQ(logits[t], logits[0]);
    EXPECT_EQ(dx[t], dx[0]);
    EXPECT_EQ(grads[t], grads[0]);
    EXPECT_EQ(state[t], state[0]);
  }
}

TEST(Model, EvalLogitsOfAnImageDoNotDependOnItsBatch) {
  Model model(15);
  const Matrix x = images(5, 16);
  const Matrix together = model.forward(x, Mode::Eval);
  for (int i = 0; i < 5; ++i) {
    const Matrix alone = model.forward(x.row(i), Mode::Eval);
    for (int c = 0; c < kClasses; ++c) EXPECT_NEAR(alone(0, c), together(i, c), 1e-5f) << i << "," << c;
  }
}

TEST(Model, ParameterGradientsAccumulateUntilZeroed) {
  Model model(17);
  const Matrix x = images(4, 18), d = random_matrix(4, kClasses, 19);
  model.forward(x, Mode::Train);
  model.backward(d);
  const std::vector<float> once = all_grads(model);
  model.forward(x, Mode::Train);
  model.backward(d, {.param_grads = true, .input_grad = false});
  const std::vector<float> twice = all_grads(model);
  for (size_t i = 0; i < once.size(); ++i) EXPECT_NEAR(twice[i], 2 * once[i], 1e-5f + 1e-5f * std::abs(once[i]));
  model.zero_grad();
  for (float g : all_grads(model)) EXPECT_EQ(g, 0.0f);
}

TEST(Model, InputOnlyBackwardLeavesParameterGradientsAlone) {
  Model model(20);
  const Matrix x = images(1, 21), d = random_matrix(1, kClasses, 22);
  model.forward(x, Mode::Eval);
  const Matrix with_params = model.backward(d);
  model.zero_grad();
  model.forward(x, Mode::Eval);
  const Matrix input_only = model.backward(d, {.param_grads = false, .input_grad = true});
  EXPECT_EQ(input_only, with_params);
  for (float g : all_grads(model)) EXPECT_EQ(g, 0.0f);
  model.forward(x, Mode::Eval);
  EXPECT_EQ(model.backward(d, {.param_grads = true, .input_grad = false}).size(), 0);
}

TEST(Model, EvalForwardLeavesRunningStatisticsAlone) {
  Model model(23);
  const std::vector<float> before = all_state(model);
  model.forward(images(8, 24), Mode::Eval);
  EXPECT_EQ(all_state(model), before);
  model.forward(images(8, 24), Mode::Train);
  EXPECT_NE(all_state(model), before);
}

// The app's "Learn this" and "Reset model": a one-image SGD step after an Eval forward lowers
// that image's loss, and assigning the saved copy restores the weights bit for bit.
TEST(Model, CopyIsIndependentAndAssignmentRestoresIt) {
  Model model(25);
  const Model saved = model;
  const Matrix x = images(1, 26);
  const float before = model.forward(x, Mode::Eval)(0, 3);
  Matrix d = Matrix::Zero(1, kClasses);
  d(0, 3) = -1.0f;  // raise logit 3
  model.zero_grad();
  model.backward(d);
  Sgd sgd(model.parameters(), {.lr = 0.01});
  sgd.step();
  EXPECT_GT(model.forward(x, Mode::Eval)(0, 3), before);
  EXPECT_NE(all_state(model), all_state(saved));
  model = saved;
  EXPECT_EQ(all_state(model), all_state(saved));
  EXPECT_EQ(model.forward(x, Mode::Eval)(0, 3), before);
  model.forward(x, Mode::Eval);
  model.backward(d);
  sgd.step();  // the optimizer's spans still point into `model`, whose buffers kept their place
  EXPECT_GT(model.forward(x, Mode::Eval)(0, 3), before);
}

TEST(Model, ACopyBackPropagatesTheForwardPassItWasCopiedWith) {
  const Matrix x = images(3, 32), d = random_matrix(3, kClasses, 33);
  auto original = std::make_unique<Model>(34);
  original->forward(x, Mode::Train);
  Model copy = *original;
  Model assigned(35);
  assigned = *original;
  const Matrix expected = original->backward(d);
  original.reset();  // the copies must not look into its buffers
  EXPECT_EQ(Matrix(copy.backward(d)), expected);
  EXPECT_EQ(Matrix(assigned.backward(d)), expected);
}

TEST(Model, SteadyStateForwardAndBackwardDoNotAllocate) {
  if (!testing::MallocCounter::available()) GTEST_SKIP() << "allocation counting needs glibc without sanitizers";
  {
    testing::MallocCounter counter;
    auto p = std::make_unique<int>(1);
    ASSERT_GE(counter.count(), 1) << "the counter itself does not see allocations";
  }
  for (int threads : {1, 2}) {
    Model model(27);
    model.set_threads(threads);
    const Matrix batch = images(64, 28), last = images(32, 29), one = images(1, 30);
    const Matrix d64 = random_matrix(64, kClasses, 31), d32 = d64.topRows(32), d1 = d64.topRows(1);
    auto train = [&](const Matrix& x, const Matrix& d) {
      model.zero_grad();
      model.forward(x, Mode::Train);
      model.backward(d, {.param_grads = true, .input_grad = false});
    };
    auto page = [&] {
      model.forward(one, Mode::Eval);
      model.backward(d1);
    };
    model.reserve(64);
    train(batch, d64);  // first use of every code path
    page();
    testing::MallocCounter counter;
    for (int i = 0; i < 3; ++i) {
      train(batch, d64);
      train(last, d32);  // a smaller last batch fits the same buffers
      page();
    }
    EXPECT_EQ(counter.count(), 0) << threads << " thread(s)";
  }
}

TEST(Model, RejectsBadShapesAndBackwardWithoutForward) {
  Model model;
  const Matrix d = Matrix::Zero(2, kClasses);
  EXPECT_THROW(model.backward(d), std::logic_error);
  try {
    model.forward(Matrix::Zero(2, kInputSize - 1), Mode::Eval);
    FAIL() << "no exception";
  } catch (const ShapeError& e) {
    EXPECT_EQ(e.what(), "model: input expected (N>=1," + std::to_string(kInputSize) + "), got (2," +
                            std::to_string(kInputSize - 1) + ")");
  }
  EXPECT_THROW(model.backward(d), std::logic_error);  // the failed forward does not count
  model.forward(Matrix::Zero(3, kInputSize), Mode::Eval);
  try {
    model.backward(d);
    FAIL() << "no exception";
  } catch (const ShapeError& e) {
    const std::string c = std::to_string(kClasses);
    EXPECT_EQ(e.what(), "model: logits gradient expected (3," + c + ") as the last forward pass, got (2," + c + ")");
  }
}

}  // namespace
}  // namespace celab::nn
