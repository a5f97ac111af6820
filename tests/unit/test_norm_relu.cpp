// NormRelu (batch norm -> ReLU -> optional 2x2 max pool as one step) against the three layers run
// one after another: outputs, dL/dz, the batch norm's parameter gradients and running statistics,
// in training and eval mode, for plane widths that take every path (8- and 4-lane vectors and
// single windows), negative gammas (which reverse a window's order) and tied maxima.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "layer_test_util.h"
#include "nn/norm_relu.h"

namespace celab::nn {
namespace {

using testing::OwnedTensor;
using testing::random_tensor;

void expect_close(const std::vector<float>& got, const std::vector<float>& expected, const char* what, double tol) {
  ASSERT_EQ(got.size(), expected.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], expected[i], tol * (1.0 + std::abs(expected[i]))) << what << "[" << i << "]";
}

std::vector<float> values(std::span<const float> s) { return {s.begin(), s.end()}; }

void check_against_layers(Shape zs, bool pooled, Mode mode, uint64_t seed) {
  SCOPED_TRACE(zs.str() + (pooled ? " pooled" : "") + (mode == Mode::Train ? " train" : " eval"));
  Workers workers(1);
  // z in steps of 1/4 around 0: many exact ties inside windows, many values the ReLU cuts.
  OwnedTensor z(zs);
  Rng rng(seed);
  for (float& v : z.data) v = static_cast<float>(static_cast<int>(rng.below(9)) - 4) / 4.0f;

  BatchNorm reference("bn", zs.c, 1e-5f, 0.1f);
  auto params = reference.parameters();
  for (float& g : params[0].write()) g = static_cast<float>(rng.uniform(-1.5, 1.5));  // some negative
  for (float& b : params[1].write()) b = static_cast<float>(rng.uniform(-0.5, 0.5));
  if (mode == Mode::Eval) {  // running statistics of an earlier batch
    OwnedTensor earlier = random_tensor(zs, seed + 1), ignored(zs);
    reference.forward({earlier.cview(), ignored.view(), Mode::Train}, workers);
  }
  BatchNorm fused_bn = reference;
  ReLU relu("relu");
  MaxPool2d pool("pool", 2);

  // The layers one after another.
  OwnedTensor normed(zs), activated(zs);
  reference.forward({z.cview(), normed.view(), mode}, workers);
  relu.forward({normed.cview(), activated.view(), mode}, workers);
  const Shape out_shape = pooled ? pool.output_shape(zs) : zs;
  OwnedTensor out(out_shape);
  if (pooled)
    pool.forward({activated.cview(), out.view(), mode}, workers);
  else
    out = activated;
  const OwnedTensor dout = random_tensor(out_shape, seed + 2);
  OwnedTensor dactivated(zs), dnormed(zs), dz(zs);
  if (pooled)
    pool.backward({activated.cview(), out.cview(), dout.cview(), dactivated.view(), mode, true}, workers);
  else
    dactivated = dout;
  relu.backward({normed.cview(), activated.cview(), dactivated.cview(), dnormed.view(), mode, true}, workers);
  reference.backward({z.cview(), normed.cview(), dnormed.cview(), dz.view(), mode, true}, workers);

  // The fused step.
  NormRelu fused(pooled);
  OwnedTensor fused_out(out_shape), fused_dz(zs);
  fused.forward(fused_bn, z.cview(), fused_out.view(), mode, workers);
  fused.backward(fused_bn, z.cview(), fused_out.cview(), dout.cview(), fused_dz.view(), mode, true, workers);

  expect_close(fused_out.data, out.data, "out", 1e-6);
  expect_close(fused_dz.data, dz.data, "dz", 1e-5);
  const auto ref_state = reference.state(), fused_state = fused_bn.state();
  for (size_t t = 0; t < ref_state.size(); ++t)
    expect_close(values(fused_state[t].value), values(ref_state[t].value), ref_state[t].name.c_str(), 1e-6);
  const auto ref_params = reference.parameters(), fused_params = fused_bn.parameters();
  for (size_t t = 0; t < ref_params.size(); ++t)
    expect_close(values(fused_params[t].grad), values(ref_params[t].grad), ref_params[t].name.c_str(), 1e-5);
}

TEST(NormRelu, MatchesBatchNormReluPoolLayerByLayer) {
  uint64_t seed = 1;
  for (Mode mode : {Mode::Train, Mode::Eval})
    for (bool pooled : {false, true})
      // Pooled widths 12 (8 + 4 lanes), 4, 13 (8 + 4 + 1), 1; the network's planes among them.
      for (Shape zs : {Shape{5, 16, 24, 24}, Shape{3, 32, 8, 8}, Shape{2, 3, 6, 26}, Shape{4, 2, 2, 2}})
        check_against_layers(zs, pooled, mode, seed++);
}

TEST(NormRelu, InputGradientOnlyWhenAskedFor) {
  Workers workers(1);
  const Shape zs{2, 4, 6, 6};
  const OwnedTensor z = random_tensor(zs, 3);
  BatchNorm bn("bn", zs.c, 1e-5f, 0.1f);
  NormRelu fused(true);
  OwnedTensor out(Shape{2, 4, 3, 3});
  fused.forward(bn, z.cview(), out.view(), Mode::Train, workers);
  const OwnedTensor dout = random_tensor(out.shape, 4);
  fused.backward(bn, z.cview(), out.cview(), dout.cview(), TensorView{}, Mode::Train, true, workers);
  const auto params = bn.parameters();
  double grad_size = 0;
  for (float g : params[0].grad) grad_size += std::abs(g);
  EXPECT_GT(grad_size, 0.0);  // the parameter gradients came without a dz to write
}

}  // namespace
}  // namespace celab::nn
