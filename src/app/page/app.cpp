#include "app/page/app.h"

#include <algorithm>

#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"  // GetActiveID, the page window's MoveId

namespace celab::app {
namespace {

constexpr float kMaxContentWidth = 1180;  // wider windows centre the content
constexpr float kNarrowWindow = 600;      // phones: less margin around the cards

}  // namespace

App::App(uint64_t seed)
    : state_(seed),
      page_(make_page_layout(card_context_)),
      share_control_(state_, ui_rects_),
      language_control_(ui_rects_) {
  theme::apply_style();
}

void App::rebuild_fonts(float pixel_ratio) { fonts_ = build_fonts(pixel_ratio, language_control_.chinese_font()); }

void App::handle_keys(const FrameInput& input) {
  if (ImGui::GetIO().WantTextInput) return;  // the keys belong to the field being typed in
  for (AppKey key : input.key_presses) {
    if (const int digit = digit_of(key); digit >= 0) {
      state_.set_target(digit);
    } else if (key == AppKey::Clear) {
      state_.pad().clear();
    } else if (key == AppKey::Undo) {
      state_.pad().undo();
    }
  }
}

// A finger dragged anywhere but on the drawing area or a control scrolls the page, as on any phone
// page (Dear ImGui itself scrolls only with a wheel).
void App::follow_touch_scroll(const FrameInput& input) {
  const UiRect area = drawing_rect();
  for (const PointerEvent& e : input.pointer_events) {
    if (!e.touch) continue;
    if (e.action == PointerAction::Down) {
      const bool on_area = e.x >= area.x && e.x < area.x + area.width && e.y >= area.y && e.y < area.y + area.height;
      touch_scrolling_ = !on_area;
      touch_last_y_ = e.y;
    } else if (touch_scrolling_) {
      pending_scroll_ += touch_last_y_ - e.y;
      touch_last_y_ = e.y;
      if (e.action == PointerAction::Up) touch_scrolling_ = false;
    }
  }
  // A control under the finger (a slider being dragged) takes the drag instead. Pressing on the
  // page's background makes the window itself "active" (its move handle, the page does not move).
  const ImGuiID active = ImGui::GetActiveID();
  if (active != 0 && active != ImGui::GetCurrentWindow()->MoveId) pending_scroll_ = 0;
}

void App::draw(const FrameInput& input) {
  handle_keys(input);
  for_each_card(page_, [&input](Card& card) { card.apply_input(input); });
  state_.training().sync();
  state_.refresh();  // the one computation of the frame: every card below draws what it holds
  state_.update_batch(/*finish=*/false);
  state_.update_confidence(/*finish=*/false);
  ui_rects_.begin_frame();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // A page, not a floating window; it scrolls when the window is shorter than the content.
  constexpr ImGuiWindowFlags kPageFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                          // The renderer's clear is the page colour already; a window
                                          // background would fill every pixel a second time, and
                                          // software WebGL (no GPU) is bound by pixels filled.
                                          ImGuiWindowFlags_NoBackground;
  const float margin = viewport->WorkSize.x < kNarrowWindow ? 14.0f : 32.0f;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, 24.0f));
  ImGui::Begin("Cross-Entropy Lab", nullptr, kPageFlags);
  ImGui::PopStyleVar();
  if (pending_scroll_ != 0) {
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + pending_scroll_, 0.0f, ImGui::GetScrollMaxY()));
    pending_scroll_ = 0;
  }

  const float available = ImGui::GetContentRegionAvail().x;
  const float width = std::min(available, kMaxContentWidth);
  const float indent = std::floor(0.5f * (available - width));
  if (indent > 0) ImGui::Indent(indent);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  draw_header(width);
  for (size_t i = 0; i < page_.size(); ++i) {
    widgets::vertical_gap(i == 0 ? theme::kGap : 2 * theme::kGap);
    draw_section(page_[i], width);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (indent > 0) ImGui::Unindent(indent);

  follow_touch_scroll(input);
  ImGui::End();
}

FrameNeeds App::frame_needs() const {
  FrameNeeds needs;
  // The batch's logits come a few rows a frame (update_batch) while its card is open, and the
  // confidence cards' the same way (update_confidence).
  needs.animating =
      state_.pipeline() && ((state_.batch().open() && state_.batch().computing()) || state_.confidence().computing());
  return needs;
}

void App::draw_header(float width) {
  ImGui::PushFont(fonts_.title);
  ImGui::TextUnformatted(text(Text::title_page));
  ImGui::PopFont();
  // The language switch and "Copy link" at the title's right end, or under it where there is no room.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float controls = language_control_.width() + 2 * spacing + share_control_.button_width();
  if (ImGui::GetItemRectSize().x + 2 * theme::kGap + controls <= width) {
    ImGui::SameLine(width - controls);  // x from the page group's left edge
  }
  language_control_.draw();
  ImGui::SameLine(0, 2 * spacing);
  share_control_.draw_button();
  widgets::muted_text(text(Text::header_intro));
  language_control_.draw_news();
  share_control_.draw_news();
}

void App::draw_section(PageSection& section, float width) {
  if (section.title) {
    ImGui::PushFont(fonts_.title);
    ImGui::TextUnformatted(text(*section.title));
    ImGui::PopFont();
    if (section.intro) widgets::muted_text(text(*section.intro));
    widgets::vertical_gap(theme::kGap);
  }
  for (size_t i = 0; i < section.rows.size(); ++i) {
    if (i > 0) widgets::vertical_gap(theme::kGap);
    section.rows[i].draw(width);
  }
}

}  // namespace celab::app
