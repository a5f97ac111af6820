#include "app/cards/input_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/picture_colors.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kMaxPictureSide = data::kInputSide * 7;  // seven window units per input pixel at most
constexpr float kMinStepsWidth = 300;

}  // namespace

void InputCard::upload() {
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

void InputCard::picture(const GlTexture& texture, float side, const char* title, const char* caption) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
  ImGui::TextUnformatted(title);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 origin(std::round(cursor.x), std::round(cursor.y));
  ImGui::SetCursorScreenPos(origin);
  ImGui::Image(texture.id(), ImVec2(side, side));
  ImGui::GetWindowDrawList()->AddRect(ImVec2(origin.x - 1, origin.y - 1),
                                      ImVec2(origin.x + side + 1, origin.y + side + 1), theme::kCardBorder, 2.0f);
  widgets::muted_text(caption);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void InputCard::draw_steps() {
  widgets::muted_text(text(Text::input_steps));
  widgets::muted_textf(text(Text::input_step1), DrawingPad::kCanvasSide, DrawingPad::kCanvasSide);
  widgets::muted_textf(text(Text::input_step2), data::kInputSide, data::kInputSide);
  widgets::muted_textf(text(Text::input_step3), nn::layer_count(nn::LayerKind::Conv2d),
                       nn::layer_count(nn::LayerKind::MaxPool2d), nn::layer_count(nn::LayerKind::Linear), nn::kClasses);
  widgets::muted_text(text(Text::input_step4));
  const PredictionPipeline* pipeline = state_.pipeline();
  if (pipeline && pipeline->prediction().updates > 0) {
    const Prediction& p = pipeline->prediction();
    char line[160];
    std::snprintf(line, sizeof line, text(Text::input_took), p.update_ms);
    ImGui::TextUnformatted(line);
    if (p.has_digit && p.finite()) {
      std::snprintf(line, sizeof line, text(Text::input_largest), static_cast<double>(p.grad_input_max_abs));
      ImGui::TextUnformatted(line);
    }
  }
}

void InputCard::content() {
  upload();
  const float inner = widgets::card_inner_width();
  const float gap = theme::kGap;
  widgets::card_title(Text::heading_input, fonts_);
  // Two pictures side by side, each a whole number of window units per input pixel.
  const float cell = std::max(1.0f, std::floor(std::min(kMaxPictureSide, (inner - gap) / 2) / data::kInputSide));
  const float side = cell * data::kInputSide;
  char title[64];
  std::snprintf(title, sizeof title, text(Text::input_picture), data::kInputSide, data::kInputSide);
  picture(*input_texture_, side, title, text(Text::input_picture_note));
  ImGui::SameLine(0, gap);
  std::snprintf(title, sizeof title, text(Text::input_saliency), state_.target());
  picture(*saliency_texture_, side, title, text(Text::input_saliency_note));
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
}

}  // namespace celab::app
