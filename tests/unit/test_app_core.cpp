// The page's logic without its UI: the drawing pad, the prediction pipeline, the page state and the
// loss lab's options, driven the way the page drives them.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/core/app_state.h"
#include "app/core/drawing_pad.h"
#include "app/core/loss_lab.h"
#include "app/core/prediction.h"
#include "cli/classify.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/preprocess.h"
#include "data/raster.h"
#include "malloc_counter.h"
#include "nn/cross_entropy.h"
#include "nn/model_file.h"

namespace celab::app {
namespace {

const std::vector<data::Drawing>& own_drawings() {
  static const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  return drawings;
}

const std::vector<uint8_t>& model_bytes() {
  static const auto bytes = data::read_file_bytes(cli::kDefaultModelPath);
  return bytes;
}

// Draws `d` on the pad as the page does: a point at a time.
void draw_on(DrawingPad& pad, const data::Drawing& d) {
  pad.set_brush_radius(d.brush_radius);
  for (const data::Stroke& stroke : d.strokes) {
    pad.begin_stroke(stroke[0]);
    for (size_t i = 1; i < stroke.size(); ++i) pad.extend_stroke(stroke[i]);
    pad.end_stroke();
  }
}

TEST(DrawingPad, PaintsWhatTheCliRenders) {
  for (size_t i = 0; i < own_drawings().size(); i += 37) {
    const data::Drawing& d = own_drawings()[i];
    DrawingPad pad;
    draw_on(pad, d);
    // The pad keeps points on the link grid (1/8 pixel): the CLI given the pad's strokes paints
    // the same pixels, and those strokes are the drawn ones to 1/16 pixel.
    const data::Drawing kept = pad.to_drawing();
    data::Image expected;
    data::render_drawing(kept, expected);
    ASSERT_EQ(pad.canvas().pixels, expected.pixels) << "drawing " << i;
    ASSERT_EQ(kept.strokes.size(), d.strokes.size());
    for (size_t s = 0; s < d.strokes.size(); ++s)
      for (size_t k = 0; k < d.strokes[s].size(); ++k) {
        EXPECT_LE(std::abs(kept.strokes[s][k].x - d.strokes[s][k].x), 1.0 / 16);
        EXPECT_LE(std::abs(kept.strokes[s][k].y - d.strokes[s][k].y), 1.0 / 16);
      }
  }
}

TEST(DrawingPad, UndoRemovesTheLastStrokeThenThePicture) {
  const data::Drawing& d = own_drawings()[0];
  DrawingPad pad;
  EXPECT_FALSE(pad.has_ink());
  EXPECT_FALSE(pad.undo());
  DrawingPad::Picture picture{};
  picture[14 * 28 + 14] = 255;
  pad.load_picture(picture, 6);
  EXPECT_EQ(pad.picture_label(), 6);
  EXPECT_FLOAT_EQ(pad.canvas().at(145, 145), 1.0f);  // pixel (14, 14) is a 10 x 10 block
  const data::Image with_picture = pad.canvas();
  draw_on(pad, d);
  const uint64_t version = pad.version();
  for (size_t k = 0; k < d.strokes.size(); ++k) EXPECT_TRUE(pad.undo());
  EXPECT_GT(pad.version(), version);
  EXPECT_EQ(pad.canvas().pixels, with_picture.pixels);
  EXPECT_TRUE(pad.undo());
  EXPECT_FALSE(pad.picture_label().has_value());
  EXPECT_FALSE(pad.has_ink());
}

TEST(DrawingPad, ClampsBrushAndFarPoints) {
  DrawingPad pad;
  pad.set_brush_radius(1000);
  EXPECT_EQ(pad.brush_radius(), DrawingPad::kMaxBrushRadius);
  pad.set_brush_radius(NAN);
  EXPECT_EQ(pad.brush_radius(), DrawingPad::kMaxBrushRadius);
  pad.begin_stroke({1e9, -1e9});
  pad.extend_stroke({NAN, 5});
  pad.end_stroke();
  const data::Drawing d = pad.to_drawing();
  ASSERT_EQ(d.strokes.size(), 1u);
  EXPECT_EQ(d.strokes[0][0].x, 2.0 * DrawingPad::kCanvasSide);
  EXPECT_EQ(d.strokes[0][0].y, -1.0 * DrawingPad::kCanvasSide);
  EXPECT_EQ(d.strokes[0][1].x, 0.0);
  // The file format accepts what the pad keeps.
  EXPECT_NO_THROW(data::parse_drawing(data::to_json_line(d), "pad"));
}

TEST(DrawingPad, DrawingDoesNotAllocateOnceWarm) {
  if (!celab::testing::MallocCounter::available()) GTEST_SKIP() << "malloc counting unavailable here";
  const data::Drawing& d = own_drawings()[5];
  DrawingPad pad;
  draw_on(pad, d);
  pad.clear();
  celab::testing::MallocCounter counter;
  draw_on(pad, d);
  pad.undo();
  pad.clear();
  EXPECT_EQ(counter.count(), 0);
}

TEST(PredictionPipeline, GivesTheCliPredictionAndTheLossOfItsProbabilities) {
  nn::Model model = nn::model_from_bytes(model_bytes());
  PredictionPipeline pipeline(model);
  nn::CrossEntropyOptions<double> settings;
  for (size_t i = 0; i < own_drawings().size(); i += 29) {
    const data::Drawing& d = own_drawings()[i];
    DrawingPad pad;
    draw_on(pad, d);
    pipeline.update(pad.canvas(), 3, settings);
    const Prediction& p = pipeline.prediction();
    const auto input = data::preprocess_drawing(pad.to_drawing());  // the strokes as the pad keeps them
    ASSERT_TRUE(input && p.has_digit);
    EXPECT_EQ(p.input, *input);
    const nn::Classification c = cli::classify(model, *input);
    EXPECT_EQ(p.predicted, c.predicted);
    EXPECT_EQ(p.logits, c.logits);
    EXPECT_NEAR(p.loss, -std::log(p.probabilities[3]), 1e-5 * std::max(1.0f, p.loss));
    for (int k = 0; k < 10; ++k)
      EXPECT_NEAR(p.grad_logits[static_cast<size_t>(k)], p.probabilities[static_cast<size_t>(k)] - (k == 3), 1e-6);
    EXPECT_GT(p.grad_input_max_abs, 0.0f);
  }
}

// The saliency map is the model's backward pass of this loss's dL/dlogits. (The backward pass
// itself is checked against PyTorch and finite differences in test_model.cpp; finite differences
// on a drawn digit are no check: its flat background makes exact ties in max pooling.)
TEST(PredictionPipeline, SaliencyIsTheInputGradientOfTheLoss) {
  PredictionPipeline pipeline(nn::model_from_bytes(model_bytes()));
  DrawingPad pad;
  draw_on(pad, own_drawings()[100]);
  nn::CrossEntropyOptions<double> settings;
  settings.label_smoothing = 0.1;
  pipeline.update(pad.canvas(), 5, settings);
  const Prediction& p = pipeline.prediction();

  nn::Model model = nn::model_from_bytes(model_bytes());
  const Eigen::Map<const nn::RowMatrix<float>> x(p.input.data(), 1, 784);
  nn::RowMatrix<float> logits = model.forward(x, nn::Mode::Eval);
  nn::RowMatrix<float> grad_logits(1, 10);
  nn::CrossEntropyOptions<float> options;
  options.label_smoothing = 0.1;
  const int64_t target[] = {5};
  nn::cross_entropy_rows<float>(logits, target, options, grad_logits);
  const nn::RowMatrix<float> grad_input = model.backward(grad_logits);
  float max_abs = 0;
  for (int i = 0; i < 784; ++i) {
    ASSERT_EQ(p.grad_input[static_cast<size_t>(i)], grad_input(0, i)) << "pixel " << i;
    max_abs = std::max(max_abs, std::abs(grad_input(0, i)));
  }
  EXPECT_EQ(p.grad_input_max_abs, max_abs);
  EXPECT_GT(max_abs, 0.0f);
}

TEST(PredictionPipeline, EmptyCanvasHasNoPrediction) {
  PredictionPipeline pipeline(nn::model_from_bytes(model_bytes()));
  pipeline.update(data::Image(280, 280), 0, nn::CrossEntropyOptions<double>{});
  EXPECT_FALSE(pipeline.prediction().has_digit);
  EXPECT_EQ(pipeline.prediction().predicted, -1);
  EXPECT_TRUE(std::isnan(pipeline.prediction().loss));
}

TEST(PredictionPipeline, OptionsGiveTheLibrarysLoss) {
  PredictionPipeline pipeline(nn::model_from_bytes(model_bytes()));
  DrawingPad pad;
  draw_on(pad, own_drawings()[42]);
  nn::CrossEntropyOptions<double> settings;
  settings.label_smoothing = 0.2;
  for (int k = 0; k < 10; ++k) settings.weight.push_back(0.5 + k);
  for (nn::Reduction reduction : {nn::Reduction::Mean, nn::Reduction::Sum, nn::Reduction::None}) {
    settings.reduction = reduction;
    pipeline.update(pad.canvas(), 4, settings);
    const Prediction& p = pipeline.prediction();
    nn::CrossEntropyOptions<double> options;
    options.label_smoothing = 0.2;
    options.weight = settings.weight;
    options.reduction = reduction;
    const std::vector<double> logits(p.logits.begin(), p.logits.end());
    const auto expected = nn::cross_entropy(std::span<const double>(logits), 4, options);
    EXPECT_NEAR(p.loss, expected.loss.data.at(0), 1e-5 * std::abs(expected.loss.data.at(0)));
    for (size_t k = 0; k < 10; ++k) EXPECT_NEAR(p.grad_logits[k], expected.grad_input.data[k], 1e-5);
  }
}

TEST(PredictionPipeline, UpdatesDoNotAllocateOnceWarm) {
  if (!celab::testing::MallocCounter::available()) GTEST_SKIP() << "malloc counting unavailable here";
  PredictionPipeline pipeline(nn::model_from_bytes(model_bytes()));
  DrawingPad pad;
  draw_on(pad, own_drawings()[7]);
  const nn::CrossEntropyOptions<double> settings;
  pipeline.update(pad.canvas(), 1, settings);
  pipeline.update(pad.canvas(), 2, settings);
  {
    // The model's forward and backward passes reuse their buffers; the loss library's softmax and
    // cross-entropy take a few small scratch blocks per call (8 in all), and only on a change.
    celab::testing::MallocCounter counter;
    pipeline.update(pad.canvas(), 3, settings);
    pipeline.update_loss(4, settings);
    EXPECT_LE(counter.count(), 2 * 8);
  }
  // A frame without a change runs nothing and allocates nothing.
  AppState state(1);
  state.load_model(model_bytes(), "model.celab");
  draw_on(state.pad(), own_drawings()[7]);
  state.refresh();
  celab::testing::MallocCounter counter;
  for (int frame = 0; frame < 10; ++frame) state.refresh();
  EXPECT_EQ(counter.count(), 0);
}

TEST(PredictionPipeline, LearnLowersTheLossAndResetRestoresIt) {
  PredictionPipeline pipeline(nn::model_from_bytes(model_bytes()));
  DrawingPad pad;
  draw_on(pad, own_drawings()[210]);  // a 7
  const nn::CrossEntropyOptions<double> settings;
  pipeline.update(pad.canvas(), 1, settings);
  const float before = pipeline.prediction().loss;
  ASSERT_TRUE(pipeline.learn(AppState::kDefaultLearningRate, settings));
  const LearnStep& step = pipeline.last_learn_step();
  EXPECT_EQ(step.loss_before, before);
  EXPECT_LT(step.loss_after, before);
  EXPECT_EQ(pipeline.prediction().loss, step.loss_after);
  // One step teaches without wiping out the prediction: the default rate is a visible, small step.
  EXPECT_GT(step.loss_after, 0.25f * before)
      << "one step at the default rate went from " << before << " to " << step.loss_after;
  EXPECT_EQ(pipeline.learn_steps(), 1);
  pipeline.reset_model(settings);
  EXPECT_EQ(pipeline.learn_steps(), 0);
  EXPECT_EQ(pipeline.prediction().loss, before);
}

TEST(PredictionPipeline, NonFiniteLogitsAreReported) {
  nn::Model model = nn::model_from_bytes(model_bytes());
  for (nn::Parameter& p : model.parameters())
    if (p.name == "fc.weight") std::fill(p.value.begin(), p.value.end(), 3e38f);
  PredictionPipeline pipeline(model);
  DrawingPad pad;
  draw_on(pad, own_drawings()[3]);
  pipeline.update(pad.canvas(), 0, nn::CrossEntropyOptions<double>{});
  const Prediction& p = pipeline.prediction();
  EXPECT_TRUE(p.has_digit);
  EXPECT_FALSE(p.finite());
  EXPECT_EQ(p.predicted, -1);
  EXPECT_TRUE(std::isnan(p.loss));
  EXPECT_FALSE(pipeline.learn(0.01, nn::CrossEntropyOptions<double>{}));
}

TEST(AppState, RunsThePipelineOnlyOnChanges) {
  AppState state(1);
  state.load_model(model_bytes(), "model.celab");
  ASSERT_EQ(state.model_status(), LoadStatus::Ready);
  const uint64_t start = state.pipeline()->prediction().updates;
  state.refresh();
  EXPECT_EQ(state.pipeline()->prediction().updates, start);
  draw_on(state.pad(), own_drawings()[33]);
  state.refresh();
  EXPECT_EQ(state.pipeline()->prediction().updates, start + 1);
  state.set_target(8);
  state.refresh();
  EXPECT_EQ(state.pipeline()->prediction().updates, start + 2);
  EXPECT_EQ(state.pipeline()->prediction().target, 8);
  state.edit_loss_options().label_smoothing = 0.1;
  state.refresh();
  state.refresh();
  EXPECT_EQ(state.pipeline()->prediction().updates, start + 3);
  // The breakdown follows: its three computations give the pipeline's loss.
  const nn::LossBreakdown& r = state.digit_loss().result();
  EXPECT_NEAR(r.loss(), state.pipeline()->prediction().loss, 1e-5);
  EXPECT_LT(r.max_disagreement(), 1e-12);
}

// The page computes once a frame: up_to_date() says whether what the state reports was computed
// from what it holds (window.celab's accessibility announcement waits for it).
TEST(AppState, UpToDateUntilSomethingTheLossDependsOnChanges) {
  AppState state(1);
  EXPECT_TRUE(state.up_to_date());  // no model: nothing to compute
  state.load_model(model_bytes(), "model.celab");
  ASSERT_EQ(state.model_status(), LoadStatus::Ready);
  EXPECT_TRUE(state.up_to_date());
  const uint64_t start = state.pipeline()->prediction().updates;
  draw_on(state.pad(), own_drawings()[33]);
  EXPECT_FALSE(state.up_to_date());
  state.refresh();
  EXPECT_TRUE(state.up_to_date());
  state.set_target(8);
  EXPECT_FALSE(state.up_to_date());
  state.refresh();
  EXPECT_TRUE(state.up_to_date());
  state.edit_loss_options().label_smoothing = 0.1;
  EXPECT_FALSE(state.up_to_date());
  state.refresh();
  EXPECT_TRUE(state.up_to_date());
  EXPECT_EQ(state.pipeline()->prediction().updates, start + 3);
  state.refresh();  // up to date: nothing runs
  EXPECT_EQ(state.pipeline()->prediction().updates, start + 3);
}

TEST(AppState, ABadModelFileIsAnErrorNamingIt) {
  AppState state(1);
  std::vector<uint8_t> bytes = model_bytes();
  bytes[1000] ^= 0xff;
  state.load_model(bytes, "model.celab");
  EXPECT_EQ(state.model_status(), LoadStatus::Failed);
  EXPECT_EQ(state.pipeline(), nullptr);
  EXPECT_NE(state.model_error().find("model.celab: "), std::string::npos) << state.model_error();
  EXPECT_NE(state.model_error().find("checksum"), std::string::npos) << state.model_error();
  state.refresh();  // nothing to run, nothing breaks
  EXPECT_FALSE(state.learn());
}

TEST(AppState, TestDigitsLoadWithTheirLabels) {
  AppState state(7);
  EXPECT_FALSE(state.load_random_test_digit());
  const std::string dir = std::string(CELAB_SOURCE_DIR) + "/" + data::kMnistDefaultDir;
  state.load_test_digits(data::read_file_bytes(dir + "/t10k-images-idx3-ubyte"),
                         data::read_file_bytes(dir + "/t10k-labels-idx1-ubyte"), "t10k");
  ASSERT_EQ(state.test_digits_status(), LoadStatus::Ready) << state.test_digits_error();
  EXPECT_EQ(state.test_digit_count(), 10000u);
  ASSERT_TRUE(state.load_random_test_digit());
  EXPECT_TRUE(state.pad().picture_label().has_value());
  state.load_test_digits({}, {}, "empty");
  EXPECT_EQ(state.test_digits_status(), LoadStatus::Failed);
  EXPECT_NE(state.test_digits_error().find("empty "), std::string::npos) << state.test_digits_error();
  EXPECT_NE(state.test_digits_error().find("too short"), std::string::npos) << state.test_digits_error();
}

TEST(LossLab, EveryOptionAgreesThreeWays) {
  LossLab lab;
  EXPECT_NEAR(lab.result().loss(), 1.2729, 5e-5);
  nn::CrossEntropyOptions<double> s;
  s.weight = {2, 0.5, 3};
  for (double eps : {0.0, 0.3})
    for (nn::Reduction r : {nn::Reduction::Mean, nn::Reduction::Sum, nn::Reduction::None})
      for (int64_t ignore : {nn::kDefaultIgnoreIndex, int64_t{1}}) {
        s.label_smoothing = eps;
        s.reduction = r;
        s.ignore_index = ignore;
        lab.set_options(s);
        for (int y = 0; y < 3; ++y) {
          lab.set_target(y);
          const nn::LossBreakdown& res = lab.result();
          EXPECT_LT(res.max_disagreement(), 1e-12)
              << "eps " << eps << " reduction " << nn::reduction_name(r) << " ignore " << ignore << " y " << y;
          if (y == ignore) {
            if (r == nn::Reduction::Mean) {
              EXPECT_TRUE(std::isnan(res.loss()));  // 0 / 0, as in PyTorch
            } else {
              EXPECT_EQ(res.loss(), 0.0);
            }
          }
        }
      }
  // With weights, 'mean' of one sample divides the weight out again; 'sum' keeps it.
  s = nn::CrossEntropyOptions<double>{};
  s.weight = {2, 1, 1};
  lab.set_target(0);
  s.reduction = nn::Reduction::Sum;
  lab.set_options(s);
  EXPECT_NEAR(lab.result().loss(), 2 * 1.2729, 1e-4);
  s.reduction = nn::Reduction::Mean;
  lab.set_options(s);
  EXPECT_NEAR(lab.result().loss(), 1.2729, 5e-5);
}

TEST(LossLab, CriterionTextIsPython) {
  nn::CrossEntropyOptions<double> s;
  EXPECT_EQ(nn::criterion_text(s), "nn.CrossEntropyLoss()");
  s.label_smoothing = 0.1;
  s.reduction = nn::Reduction::Sum;
  s.weight = {1, 2.5, 0};
  EXPECT_EQ(nn::criterion_text(s),
            "nn.CrossEntropyLoss(weight=tensor([1.0, 2.5, 0.0]), reduction='sum', label_smoothing=0.1)");
}

}  // namespace
}  // namespace celab::app
