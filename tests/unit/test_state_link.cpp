// "Copy link" end to end without a browser: the page's state into link text and into a fresh page,
// which then shows the same drawing, target, options, prediction and loss.
#include <gtest/gtest.h>

#include <string>

#include "app/core/app_state.h"
#include "app/core/state_link.h"
#include "cli/paths.h"
#include "data/drawing.h"
#include "data/file_bytes.h"
#include "data/shared_state.h"

namespace celab::app {
namespace {

AppState page_with_model() {
  AppState state(1);
  state.load_model(data::read_file_bytes(cli::kDefaultModelPath), "model");
  return state;
}

TEST(StateLink, AFreshPageShowsWhatTheLinkWasMadeOf) {
  const auto drawings = data::read_drawings(std::string(CELAB_SOURCE_DIR) + "/tests/drawings/own_digits.jsonl");
  const data::Drawing& four = drawings[123];
  AppState sender = page_with_model();
  sender.pad().set_brush_radius(9.5);
  for (const data::Stroke& stroke : four.strokes) {
    sender.pad().begin_stroke(stroke[0]);
    for (size_t i = 1; i < stroke.size(); ++i) sender.pad().extend_stroke(stroke[i]);
    sender.pad().end_stroke();
    sender.pad().set_brush_radius(15.25);  // each stroke keeps its own radius
  }
  sender.set_target(9);
  sender.edit_loss_options().label_smoothing = 0.2;
  sender.edit_loss_options().weight.assign(10, 1.0);
  sender.edit_loss_options().weight[9] = 2.5;
  sender.edit_loss_options().reduction = nn::Reduction::Sum;
  sender.refresh();

  const std::string link = data::encode_shared_state(shared_state_of(sender));
  AppState receiver = page_with_model();
  apply_shared_state(receiver, data::decode_shared_state(link, "link"));

  EXPECT_EQ(receiver.pad().canvas().pixels, sender.pad().canvas().pixels);
  EXPECT_EQ(receiver.target(), 9);
  EXPECT_EQ(receiver.loss_options(), sender.loss_options());
  EXPECT_EQ(receiver.pad().brush_radius(), sender.pad().brush_radius());
  const Prediction& got = receiver.pipeline()->prediction();
  const Prediction& sent = sender.pipeline()->prediction();
  EXPECT_EQ(got.logits, sent.logits);
  EXPECT_EQ(got.predicted, sent.predicted);
  EXPECT_EQ(got.loss, sent.loss);
}

TEST(StateLink, AnEmptyPageGivesAnEmptyDrawing) {
  AppState sender = page_with_model();
  sender.set_target(4);
  AppState receiver = page_with_model();
  receiver.pad().begin_stroke({10, 10});
  receiver.pad().end_stroke();
  apply_shared_state(receiver, data::decode_shared_state(data::encode_shared_state(shared_state_of(sender)), "link"));
  EXPECT_FALSE(receiver.pad().has_ink());
  EXPECT_EQ(receiver.target(), 4);
}

}  // namespace
}  // namespace celab::app
