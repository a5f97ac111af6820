// Our layers and model against PyTorch 1.13: tests/golden/layer_reference.json, written by
// tests/golden/make_layer_reference.py. Weights and inputs come from the same formula on both sides.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "layer_test_util.h"
#include "nn/architecture.h"
#include "nn/model.h"

namespace celab::nn {
namespace {

using nlohmann::json;
using testing::OwnedTensor;

const json& reference() {
  static const json j = [] {
    std::ifstream in(std::string(CELAB_SOURCE_DIR) + "/tests/golden/layer_reference.json");
    EXPECT_TRUE(in) << "tests/golden/layer_reference.json is missing";
    return json::parse(in);
  }();
  return j;
}

// offset + scale * sin(0.61 k + salt), as formula_values() in the generator.
void fill(std::span<float> values, double salt, double scale = 1.0, double offset = 0.0) {
  for (size_t k = 0; k < values.size(); ++k)
    values[k] = static_cast<float>(offset + scale * std::sin(0.61 * static_cast<double>(k) + salt));
}

// As fill_parameters() in the generator: parameter i gets salt i; batch-norm weights sit near 1.
void fill_parameters(std::vector<Parameter> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const bool bn_weight = params[i].name.find("bn") != std::string::npos && params[i].name.ends_with(".weight");
    if (bn_weight)
      fill(params[i].write(), static_cast<double>(i), 0.2, 1.0);
    else
      fill(params[i].write(), static_cast<double>(i), 0.3);
  }
}

void expect_close(const json& expected, std::span<const float> got, const std::string& what, double atol = 1e-4,
                  double rtol = 1e-3) {
  ASSERT_EQ(expected.size(), got.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    const double e = expected[i].get<double>();
    EXPECT_NEAR(got[i], e, atol + rtol * std::abs(e)) << what << "[" << i << "]";
  }
}

// A full tensor, or for big ones the generator's summary: sum, sum of |values|, first 64 values.
void expect_tensor(const json& expected, std::span<const float> got, const std::string& what) {
  if (expected.is_array()) return expect_close(expected, got, what);
  double sum = 0.0, abs_sum = 0.0;
  for (float v : got) {
    sum += v;
    abs_sum += std::abs(v);
  }
  const double abs_expected = expected["abs_sum"].get<double>();
  EXPECT_NEAR(sum, expected["sum"].get<double>(), 1e-3 * abs_expected + 1e-4) << what << " sum";
  EXPECT_NEAR(abs_sum, abs_expected, 1e-3 * abs_expected + 1e-4) << what << " sum of |values|";
  expect_close(expected["head"], got.first(expected["head"].size()), what + " (first values)");
}

// The generator's "stack" case, layer by layer: conv -> bn -> relu -> pool -> flatten -> linear.
struct Stack {
  std::vector<Layer> layers{Conv2d("conv", 2, 3, 3),
                            BatchNorm("bn", 3, kBatchNormEps, kBatchNormMomentum),
                            ReLU("relu"),
                            MaxPool2d("pool", 2),
                            Flatten("flatten"),
                            Linear("fc", 12, 4)};
  std::vector<OwnedTensor> acts, grads;
  Workers workers{1};

  std::vector<Parameter> parameters() {
    std::vector<Parameter> out;
    for (Layer& l : layers) layer_parameters(l, out);
    return out;
  }
  std::vector<StateTensor> state() {
    std::vector<StateTensor> out;
    for (Layer& l : layers) layer_state(l, out);
    return out;
  }

  // Returns dL/dx for L = sum(r * output).
  void run(const OwnedTensor& x, const OwnedTensor& r, Mode mode) {
    acts = {x};
    for (Layer& l : layers) {
      acts.emplace_back(layer_output_shape(l, acts.back().shape));
      layer_forward(l, {acts[acts.size() - 2].cview(), acts.back().view(), mode}, workers);
    }
    grads.assign(acts.size(), OwnedTensor({}));
    grads.back() = r;
    for (Layer& l : layers) layer_zero_grad(l);
    for (size_t i = layers.size(); i-- > 0;) {
      grads[i] = OwnedTensor(acts[i].shape);
      layer_backward(layers[i],
                     {acts[i].cview(), acts[i + 1].cview(), grads[i + 1].cview(), grads[i].view(), mode, true},
                     workers);
    }
  }
};

Shape shape_of(const json& dims) {
  return {dims[0].get<int>(), dims[1].get<int>(), dims[2].get<int>(), dims[3].get<int>()};
}

template <typename Net>
void expect_matches(Net& net, const json& expected, std::span<const float> output, std::span<const float> input_grad,
                    const std::string& mode) {
  expect_close(expected["output"], output, mode + " output");
  expect_tensor(expected["input_grad"], input_grad, mode + " dL/dx");
  for (const Parameter& p : net.parameters())
    expect_tensor(expected["grads"][p.name], p.grad, mode + " grad " + p.name);
  for (const StateTensor& t : net.state())
    if (expected["running"].contains(t.name)) expect_close(expected["running"][t.name], t.value, mode + " " + t.name);
}

TEST(LayerReference, ConvBatchNormReluPoolLinearStackMatchesPyTorch) {
  const json& ref = reference()["stack"];
  Stack stack;
  fill_parameters(stack.parameters());
  OwnedTensor x(shape_of(ref["input_shape"]));
  fill(x.data, 0.5, 0.5, 0.5);
  OwnedTensor r({x.shape.n, 4, 1, 1});
  fill(r.data, 2.5);
  for (const auto& [mode, name] : {std::pair{Mode::Train, "train"}, std::pair{Mode::Eval, "eval"}}) {
    stack.run(x, r, mode);
    expect_matches(stack, ref[name], stack.acts.back().data, stack.grads[0].data, name);
  }
}

TEST(LayerReference, ModelMatchesPyTorch) {
  const json& ref = reference()["model"];
  Model model;
  fill_parameters(model.parameters());
  const int n = ref["input_shape"][0].get<int>();
  RowMatrix<float> x(n, kInputSize), r(n, kClasses);
  fill({x.data(), static_cast<size_t>(x.size())}, 0.5, 0.5, 0.5);
  fill({r.data(), static_cast<size_t>(r.size())}, 2.5);
  for (const auto& [mode, name] : {std::pair{Mode::Train, "train"}, std::pair{Mode::Eval, "eval"}}) {
    model.zero_grad();
    const auto logits = model.forward(x, mode);
    const std::vector<float> out(logits.data(), logits.data() + logits.size());
    const auto dx = model.backward(r);
    expect_matches(model, ref[name], out, {dx.data(), static_cast<size_t>(dx.size())}, name);
  }
}

}  // namespace
}  // namespace celab::nn
