// Adam and SGD against hand-computed steps and against PyTorch 1.13
// (tests/golden/optimizer_reference.json, from tests/golden/make_optimizer_reference.py).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "nn/adam.h"
#include "nn/sgd.h"

namespace celab::nn {
namespace {

struct OneTensor {
  OneTensor(std::vector<float> v, std::vector<float> g) : value(std::move(v)), grad(std::move(g)) {}
  std::vector<float> value, grad;
  TensorVersion version;
  std::vector<Parameter> parameters() { return {{"p", {static_cast<int>(value.size())}, value, grad, version}}; }
};

TEST(Sgd, PlainStepIsLearningRateTimesGradient) {
  OneTensor t{{1.0f, -2.0f}, {0.5f, -4.0f}};
  Sgd sgd(t.parameters(), {.lr = 0.1});
  sgd.step();
  EXPECT_FLOAT_EQ(t.value[0], 1.0f - 0.1f * 0.5f);
  EXPECT_FLOAT_EQ(t.value[1], -2.0f + 0.1f * 4.0f);
}

TEST(Sgd, MomentumBufferStartsAtTheFirstGradient) {
  OneTensor t{{1.0f}, {2.0f}};
  Sgd sgd(t.parameters(), {.lr = 0.5, .momentum = 0.9, .weight_decay = 0.1});
  sgd.step();  // g = 2 + 0.1 * 1 = 2.1, b = 2.1, p = 1 - 0.5 * 2.1 = -0.05
  EXPECT_NEAR(t.value[0], -0.05f, 1e-6);
  t.grad[0] = 1.0f;
  sgd.step();  // g = 1 + 0.1 * -0.05 = 0.995, b = 0.9 * 2.1 + 0.995 = 2.885, p = -0.05 - 1.4425
  EXPECT_NEAR(t.value[0], -1.4925f, 1e-6);
}

TEST(Adam, FirstStepMovesEachValueByAboutTheLearningRate) {
  // After one step m / sqrt(v) (bias-corrected) is g / |g|: the step is lr * sign(g).
  OneTensor t{{1.0f, 1.0f, 1.0f}, {3.0f, -0.001f, 0.0f}};
  Adam adam(t.parameters(), {.lr = 0.01});
  adam.step();
  EXPECT_NEAR(t.value[0], 0.99f, 1e-6);
  EXPECT_NEAR(t.value[1], 1.01f, 1e-5);
  EXPECT_EQ(t.value[2], 1.0f);
  EXPECT_EQ(adam.steps(), 1);
}

TEST(Optimizers, MatchPyTorchStepByStep) {
  std::ifstream in(std::string(CELAB_SOURCE_DIR) + "/tests/golden/optimizer_reference.json");
  ASSERT_TRUE(in) << "tests/golden/optimizer_reference.json is missing";
  const nlohmann::json ref = nlohmann::json::parse(in);
  for (const auto& c : ref["cases"]) {
    const auto& o = c["options"];
    OneTensor t{ref["p0"].get<std::vector<float>>(), std::vector<float>(ref["p0"].size())};
    std::function<void()> step;
    if (c["optimizer"] == "adam") {
      AdamOptions options{.lr = o["lr"].get<double>()};
      if (o.contains("betas")) options.beta1 = o["betas"][0], options.beta2 = o["betas"][1];
      if (o.contains("eps")) options.eps = o["eps"];
      if (o.contains("weight_decay")) options.weight_decay = o["weight_decay"];
      step = [adam = std::make_shared<Adam>(t.parameters(), options)] { adam->step(); };
    } else {
      SgdOptions options{.lr = o["lr"].get<double>()};
      if (o.contains("momentum")) options.momentum = o["momentum"];
      if (o.contains("weight_decay")) options.weight_decay = o["weight_decay"];
      step = [sgd = std::make_shared<Sgd>(t.parameters(), options)] { sgd->step(); };
    }
    for (size_t s = 0; s < ref["grads"].size(); ++s) {
      const auto grad = ref["grads"][s].get<std::vector<float>>();
      std::copy(grad.begin(), grad.end(), t.grad.begin());  // in place: the optimizer holds spans
      step();
      const auto expected = c["values_after_step"][s].get<std::vector<float>>();
      for (size_t i = 0; i < expected.size(); ++i)
        EXPECT_NEAR(t.value[i], expected[i], 1e-6f * (1.0f + std::abs(expected[i])))
            << c["optimizer"] << " " << o.dump() << " step " << s + 1 << " value " << i;
    }
  }
}

}  // namespace
}  // namespace celab::nn
