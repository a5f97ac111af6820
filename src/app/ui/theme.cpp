#include "app/ui/theme.h"

namespace celab::app::theme {
namespace {

ImVec4 to_vec4(ImU32 color) { return ImGui::ColorConvertU32ToFloat4(color); }

}  // namespace

void apply_style() {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsDark(&style);

  style.WindowPadding = ImVec2(32, 24);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.GrabMinSize = 10;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FrameBorderSize = 0;
  style.WindowRounding = 0;
  style.ChildRounding = kCardRounding;
  style.FrameRounding = 6;
  style.GrabRounding = 6;
  style.PopupRounding = 6;
  style.ScrollbarRounding = 6;

  ImVec4* c = style.Colors;
  const ImVec4 frame = to_vec4(IM_COL32(0x2A, 0x2F, 0x3A, 0xFF));
  const ImVec4 frame_hovered = to_vec4(IM_COL32(0x33, 0x39, 0x47, 0xFF));
  const ImVec4 frame_active = to_vec4(IM_COL32(0x3A, 0x42, 0x53, 0xFF));
  const ImVec4 accent = to_vec4(kAccent);
  const ImVec4 accent_hovered = to_vec4(kAccentHovered);
  c[ImGuiCol_Text] = to_vec4(kText);
  c[ImGuiCol_TextDisabled] = to_vec4(kTextMuted);
  c[ImGuiCol_WindowBg] = to_vec4(kPageBackground);
  c[ImGuiCol_ChildBg] = to_vec4(kCardBackground);
  c[ImGuiCol_PopupBg] = to_vec4(kCardBackground);
  c[ImGuiCol_Border] = to_vec4(kCardBorder);
  c[ImGuiCol_FrameBg] = frame;
  c[ImGuiCol_FrameBgHovered] = frame_hovered;
  c[ImGuiCol_FrameBgActive] = frame_active;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = accent_hovered;
  c[ImGuiCol_Button] = frame;
  c[ImGuiCol_ButtonHovered] = frame_hovered;
  c[ImGuiCol_ButtonActive] = frame_active;
  c[ImGuiCol_Header] = frame;
  c[ImGuiCol_HeaderHovered] = frame_hovered;
  c[ImGuiCol_HeaderActive] = frame_active;
  c[ImGuiCol_Separator] = to_vec4(kCardBorder);
  c[ImGuiCol_ScrollbarBg] = to_vec4(kPageBackground);
  c[ImGuiCol_ScrollbarGrab] = frame_hovered;
  c[ImGuiCol_ScrollbarGrabHovered] = frame_active;
  c[ImGuiCol_ScrollbarGrabActive] = accent;
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_TextSelectedBg] = to_vec4(IM_COL32(0x5B, 0x9B, 0xFF, 0x55));
  c[ImGuiCol_NavHighlight] = accent;
}

}  // namespace celab::app::theme
