// Layers check shapes at run time: a clear ShapeError naming the layer, what it expected and what
// it got. Also the architecture summary.
#include <gtest/gtest.h>

#include <string>

#include "architecture_counts.h"
#include "layer_test_util.h"
#include "nn/architecture.h"
#include "nn/summary.h"

namespace celab::nn {
namespace {

using testing::OwnedTensor;

std::string forward_error(Layer layer, Shape in, Shape out, Mode mode = Mode::Train) {
  Workers workers(1);
  OwnedTensor x(in), y(out);
  try {
    layer_forward(layer, {x.cview(), y.view(), mode}, workers);
  } catch (const ShapeError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ShapeErrors, ConvolutionNamesChannelsAndKernel) {
  EXPECT_EQ(forward_error(Conv2d("conv2", 8, 16, 3), {64, 16, 24, 24}, {64, 16, 22, 22}),
            "conv2 (Conv2d 8->16 k3): input expected (N>=1,8,H>=3,W>=3), got (64,16,24,24)");
  EXPECT_EQ(forward_error(Conv2d("conv1", 1, 8, 3), {2, 1, 2, 9}, {2, 8, 1, 7}),
            "conv1 (Conv2d 1->8 k3): input expected (N>=1,1,H>=3,W>=3), got (2,1,2,9)");
  EXPECT_EQ(forward_error(Conv2d("conv1", 1, 8, 3), {2, 1, 28, 28}, {2, 8, 28, 28}),
            "conv1 (Conv2d 1->8 k3): output expected (2,8,26,26), got (2,8,28,28)");
}

TEST(ShapeErrors, LinearWantsFlatFeatures) {
  EXPECT_EQ(forward_error(Linear("fc", 512, 10), {4, 32, 4, 4}, {4, 10, 1, 1}),
            "fc (Linear 512->10): input expected (N>=1,512), got (4,32,4,4)");
  EXPECT_EQ(forward_error(Linear("fc", 512, 10), {4, 500, 1, 1}, {4, 10, 1, 1}),
            "fc (Linear 512->10): input expected (N>=1,512), got (4,500)");
}

TEST(ShapeErrors, PoolingBatchNormAndFlatten) {
  EXPECT_EQ(forward_error(MaxPool2d("pool1", 2), {1, 16, 1, 24}, {1, 16, 0, 12}),
            "pool1 (MaxPool2d 2): input expected (N>=1,C>=1,H>=2,W>=2), got (1,16,1,24)");
  EXPECT_EQ(forward_error(BatchNorm("bn1", 8, kBatchNormEps, kBatchNormMomentum), {2, 16, 4, 4}, {2, 16, 4, 4}),
            "bn1 (BatchNorm 8): input expected (N>=1,8,...), got (2,16,4,4)");
  EXPECT_EQ(forward_error(BatchNorm("bn", 4, kBatchNormEps, kBatchNormMomentum), {1, 4, 1, 1}, {1, 4, 1, 1}),
            "bn (BatchNorm 4): input in training mode expected more than 1 value per channel, got (1,4)");
  EXPECT_EQ(
      forward_error(BatchNorm("bn", 4, kBatchNormEps, kBatchNormMomentum), {1, 4, 1, 1}, {1, 4, 1, 1}, Mode::Eval),
      "no error");
  EXPECT_EQ(forward_error(Flatten("flatten"), {2, 32, 4, 4}, {2, 500, 1, 1}),
            "flatten (Flatten): output expected (2,512), got (2,500)");
}

TEST(ShapeErrors, BackwardChecksGradientShapes) {
  Workers workers(1);
  Layer relu = ReLU("relu1");
  OwnedTensor x({2, 8, 4, 4}), y({2, 8, 4, 4}), dy({2, 8, 4, 3}), dx({2, 8, 4, 4});
  try {
    layer_backward(relu, {x.cview(), y.cview(), dy.cview(), dx.view(), Mode::Train, true}, workers);
    FAIL() << "no error";
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "relu1 (ReLU): output gradient expected (2,8,4,4), got (2,8,4,3)");
  }
}

TEST(Summary, ListsEveryLayerWithTotals) {
  const std::string table = architecture_summary();
  for (const LayerSpec& spec : kArchitecture) EXPECT_NE(table.find(std::string(spec.name) + " ("), std::string::npos);
  EXPECT_NE(table.find("conv2 (Conv2d 8->16 k3)"), std::string::npos);
  constexpr celab::testing::ArchitectureCounts counts = celab::testing::architecture_counts();
  EXPECT_NE(table.find(std::to_string(counts.macs)), std::string::npos) << table;
  EXPECT_NE(table.find(std::to_string(counts.parameters)), std::string::npos) << table;
}

}  // namespace
}  // namespace celab::nn
