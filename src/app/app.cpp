#include "app/app.h"

#include <algorithm>

#include "app/theme.h"
#include "app/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kMaxContentWidth = 1180;  // wider windows centre the content
constexpr float kNarrowWindow = 600;      // phones: less margin around the cards

}  // namespace

App::App() : loss_lab_panel_(loss_lab_, ui_rects_) { theme::apply_style(); }

void App::rebuild_fonts(float pixel_ratio) { fonts_ = build_fonts(pixel_ratio); }

void App::draw(const FrameInput& input) {
  ui_rects_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // A page, not a floating window; it scrolls when the window is shorter than the content.
  constexpr ImGuiWindowFlags kPageFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus;
  const float margin = viewport->WorkSize.x < kNarrowWindow ? 14.0f : 32.0f;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, 24.0f));
  ImGui::Begin("Cross-Entropy Lab", nullptr, kPageFlags);
  ImGui::PopStyleVar();

  const float available = ImGui::GetContentRegionAvail().x;
  const float width = std::min(available, kMaxContentWidth);
  const float indent = 0.5f * (available - width);
  if (indent > 0) ImGui::Indent(indent);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  draw_header();
  widgets::vertical_gap(theme::kGap);
  loss_lab_panel_.draw(input, width, fonts_);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (indent > 0) ImGui::Unindent(indent);

  ImGui::End();
}

void App::draw_header() {
  ImGui::PushFont(fonts_.title);
  ImGui::TextUnformatted("Cross-Entropy Lab");
  ImGui::PopFont();
  widgets::muted_text(
      "Cross-entropy exactly as PyTorch's nn.CrossEntropyLoss computes it. Move the logits, pick the target, "
      "and watch the loss.");
}

}  // namespace celab::app
