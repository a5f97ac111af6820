#include "app/cards/draw_card.h"

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

constexpr float kAreaSide = DrawingPad::kCanvasSide;  // window units: one per canvas pixel when it fits

}  // namespace

void DrawCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_draw, fonts_);
  const float side = std::min(kAreaSide, std::floor(inner));
  if (inner > side) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::floor(0.5f * (inner - side)));
  draw_area(side);
  upload_canvas();
  draw_tools(inner);
}

void DrawCard::draw_area(float side) {
  // Whole window units, so the area's pixels line up with the mouse's.
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 origin(std::round(cursor.x), std::round(cursor.y));
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("##drawing", ImVec2(side, side));
  rects_.record_last_item("drawing");
  area_ = {origin.x, origin.y, side, side};

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + side, origin.y + side);
  if (texture_) draw_list->AddImage(texture_->id(), origin, end);
  draw_list->AddRect(ImVec2(origin.x - 1, origin.y - 1), ImVec2(end.x + 1, end.y + 1), theme::kCardBorder, 2.0f);
  if (!state_.pad().has_ink()) {
    const char* hint = text(Text::draw_hint);
    const ImVec2 size = ImGui::CalcTextSize(hint);
    draw_list->AddText(ImVec2(origin.x + 0.5f * (side - size.x), origin.y + 0.5f * (side - size.y)), theme::kTextMuted,
                       hint);
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

data::Point DrawCard::to_canvas(float x, float y) const {
  const double scale = DrawingPad::kCanvasSide / static_cast<double>(area_.width);
  return {(x - area_.x) * scale, (y - area_.y) * scale};
}

void DrawCard::apply_input(const FrameInput& input) {
  DrawingPad& pad = state_.pad();
  for (const PointerEvent& e : input.pointer_events) {
    switch (e.action) {
      case PointerAction::Down: {
        const bool inside =
            e.x >= area_.x && e.x < area_.x + area_.width && e.y >= area_.y && e.y < area_.y + area_.height;
        if (inside && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) pad.begin_stroke(to_canvas(e.x, e.y));
        break;
      }
      case PointerAction::Move: pad.extend_stroke(to_canvas(e.x, e.y)); break;
      case PointerAction::Up:
        pad.extend_stroke(to_canvas(e.x, e.y));
        pad.end_stroke();
        break;
    }
  }
}

void DrawCard::upload_canvas() {
  const DrawingPad& pad = state_.pad();
  if (!texture_) texture_ = std::make_unique<GlTexture>(DrawingPad::kCanvasSide, DrawingPad::kCanvasSide, true);
  if (uploaded_version_ == pad.version()) return;
  rgba_.resize(pad.canvas().pixels.size());
  picture_colors::ink(pad.canvas().pixels, rgba_);
  texture_->upload(rgba_);
  uploaded_version_ = pad.version();
}

void DrawCard::draw_tools(float inner) {
  DrawingPad& pad = state_.pad();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::Spacing();
  if (ImGui::Button(text(Text::draw_clear))) pad.clear();
  rects_.record_last_item("clear");
  ImGui::SameLine();
  ImGui::BeginDisabled(!pad.has_ink());
  if (ImGui::Button(text(Text::draw_undo))) pad.undo();
  rects_.record_last_item("undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(state_.test_digit_count() == 0);
  if (ImGui::Button(text(Text::draw_random))) state_.load_random_test_digit();
  rects_.record_last_item("random-digit");
  ImGui::EndDisabled();

  char line[128];
  ImGui::AlignTextToFramePadding();
  widgets::muted_text(text(Text::draw_brush));
  ImGui::SameLine();
  float radius = static_cast<float>(pad.brush_radius());
  ImGui::SetNextItemWidth(inner - ImGui::GetItemRectSize().x - style.ItemSpacing.x);
  if (ImGui::SliderFloat("##brush", &radius, DrawingPad::kMinBrushRadius, DrawingPad::kMaxBrushRadius,
                         text(Text::draw_brush_radius), ImGuiSliderFlags_AlwaysClamp))
    pad.set_brush_radius(radius);
  rects_.record_last_item("brush");

  if (const auto label = pad.picture_label()) {
    std::snprintf(line, sizeof line, text(Text::draw_label), *label);
    ImGui::AlignTextToFramePadding();
    widgets::colored_text(theme::kTarget, line);
    ImGui::SameLine();
    widgets::muted_text(text(Text::draw_label_note));
  } else if (state_.test_digits_status() == LoadStatus::Failed) {
    widgets::colored_textf(theme::kError, text(Text::draw_no_test_digits), state_.test_digits_error().c_str());
  } else {
    widgets::muted_text(text(Text::draw_keys));
  }
}

}  // namespace celab::app
