#include "app/input_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/fonts.h"
#include "app/picture_colors.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kMaxPictureSide = data::kInputSide * 7;  // seven window units per input pixel at most
constexpr float kMinStepsWidth = 300;

}  // namespace

void InputPanel::upload() {
  if (!input_texture_) {
    input_texture_ = std::make_unique<GlTexture>(data::kInputSide, data::kInputSide, false);
    saliency_texture_ = std::make_unique<GlTexture>(data::kInputSide, data::kInputSide, false);
  }
  const PredictionPipeline* pipeline = state_.pipeline();
  const uint64_t updates = pipeline ? pipeline->prediction().updates : 0;
  if (updates == uploaded_updates_) return;
  uploaded_updates_ = updates;
  static const data::ModelInput kBlank{};
  const Prediction* p = pipeline ? &pipeline->prediction() : nullptr;
  const data::ModelInput& input = p && p->has_digit ? p->input : kBlank;
  picture_colors::ink(input, rgba_);
  input_texture_->upload(rgba_);
  const bool has_gradient = p && p->has_digit && p->finite();
  picture_colors::saliency(has_gradient ? p->grad_input : kBlank, has_gradient ? p->grad_input_max_abs : 0, input,
                           rgba_);
  saliency_texture_->upload(rgba_);
}

void InputPanel::picture(const GlTexture& texture, float side, const char* title, const char* caption) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
  ImGui::TextUnformatted(title);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 origin(std::round(cursor.x), std::round(cursor.y));
  ImGui::SetCursorScreenPos(origin);
  ImGui::Image(texture.id(), ImVec2(side, side));
  ImGui::GetWindowDrawList()->AddRect(ImVec2(origin.x - 1, origin.y - 1), ImVec2(origin.x + side + 1, origin.y + side + 1),
                                      theme::kCardBorder, 2.0f);
  widgets::muted_text(caption);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void InputPanel::draw_steps() {
  widgets::muted_text("On every change of the drawing, the target or the options:");
  widgets::muted_textf("1. the strokes are painted on a %d\u00d7%d canvas (the CLI's brush);", DrawingPad::kCanvasSide,
                       DrawingPad::kCanvasSide);
  widgets::muted_textf("2. the MNIST recipe makes the %d\u00d7%d input;", data::kInputSide, data::kInputSide);
  widgets::muted_textf("3. the network (%d convolutions, %d poolings, %d linear layer) gives %d logits;",
                       nn::layer_count(nn::LayerKind::Conv2d), nn::layer_count(nn::LayerKind::MaxPool2d),
                       nn::layer_count(nn::LayerKind::Linear), nn::kClasses);
  widgets::muted_text("4. softmax, the loss and \u2202L/\u2202logits; then back through the network to \u2202L/\u2202input.");
  const PredictionPipeline* pipeline = state_.pipeline();
  if (pipeline && pipeline->prediction().updates > 0) {
    const Prediction& p = pipeline->prediction();
    char text[96];
    std::snprintf(text, sizeof text, "Steps 2\u20134 took %.2f ms last time.", p.update_ms);
    ImGui::TextUnformatted(text);
    if (p.has_digit && p.finite()) {
      std::snprintf(text, sizeof text, "Largest |\u2202L/\u2202input|: %.3g (the map's full colour).",
                    static_cast<double>(p.grad_input_max_abs));
      ImGui::TextUnformatted(text);
    }
  }
}

float InputPanel::draw(float width, float min_height, const Fonts& fonts) {
  upload();
  widgets::begin_card(width);
  const float inner = widgets::card_inner_width();
  const float gap = theme::kGap;
  widgets::card_title("What the model sees", fonts);
  // Two pictures side by side, each a whole number of window units per input pixel.
  const float cell = std::max(1.0f, std::floor(std::min(kMaxPictureSide, (inner - gap) / 2) / data::kInputSide));
  const float side = cell * data::kInputSide;
  char title[48];
  std::snprintf(title, sizeof title, "Model input, %d\u00d7%d", data::kInputSide, data::kInputSide);
  picture(*input_texture_, side, title,
          "The ink's box scaled to 20\u00d720 and centred by its centre of mass, as MNIST was made.");
  ImGui::SameLine(0, gap);
  std::snprintf(title, sizeof title, "Saliency for target %d", state_.target());
  picture(*saliency_texture_, side, title, "\u2212\u2202L/\u2202input: blue pixels, inked more, would lower the loss; red would raise it.");
  // The steps beside the pictures when the card is wide (a row of its own), else under them.
  const float beside = inner - 2 * side - 3 * gap;
  if (beside >= kMinStepsWidth) {
    ImGui::SameLine(0, 2 * gap);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + beside);
    draw_steps();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
  } else {
    widgets::vertical_gap(theme::kGap);
    draw_steps();
  }
  return widgets::end_card(min_height);
}

}  // namespace celab::app
