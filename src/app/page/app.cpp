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
constexpr float kThreeColumnsMinWidth = 1040;
constexpr float kTwoColumnsMinWidth = 700;
constexpr float kDrawCardWidth = DrawingPad::kCanvasSide + 2 * theme::kCardPadding;
constexpr float kPredictionCardWidth = 400;

}  // namespace

App::App(uint64_t seed)
    : state_(seed),
      draw_panel_(state_, ui_rects_),
      input_panel_(state_),
      prediction_panel_(state_, ui_rects_),
      loss_panel_(state_),
      learn_panel_(state_, ui_rects_),
      options_panel_(state_, ui_rects_),
      loss_lab_panel_(state_.loss_lab(), ui_rects_),
      training_panel_(state_, ui_rects_),
      batch_panel_(state_, ui_rects_),
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
  const UiRect& area = draw_panel_.drawing_rect();
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
  ui_rects_.begin_frame();
  handle_keys(input);
  state_.training().sync();
  state_.refresh();
  state_.update_batch(/*finish=*/false);

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
  widgets::vertical_gap(theme::kGap);
  draw_digit_section(input, width);
  widgets::vertical_gap(2 * theme::kGap);
  draw_loss_lab_section(width);
  widgets::vertical_gap(2 * theme::kGap);
  draw_training_section(width);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (indent > 0) ImGui::Unindent(indent);

  follow_touch_scroll(input);
  ImGui::End();
  state_.refresh();  // changes made by this frame's widgets show in state() right away
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

void App::draw_digit_section(const FrameInput& input, float width) {
  const float gap = theme::kGap;
  const auto next_row = [] { widgets::vertical_gap(theme::kGap); };
  // Each row of cards side by side gets the height of its tallest card of the last frame.
  float& row1 = row_heights_[0];
  float& row3 = row_heights_[1];
  if (width >= kThreeColumnsMinWidth) {
    const float rest = width - kDrawCardWidth - 2 * gap;
    const float input_width = rest - std::max(kPredictionCardWidth, std::floor(rest * 0.5f));
    float tallest = draw_panel_.draw(input, kDrawCardWidth, row1, fonts_);
    ImGui::SameLine(0, gap);
    tallest = std::max(tallest, input_panel_.draw(input_width, row1, fonts_));
    ImGui::SameLine(0, gap);
    tallest = std::max(tallest, prediction_panel_.draw(rest - input_width, row1, fonts_));
    row1 = tallest;
  } else if (width >= kTwoColumnsMinWidth) {
    float tallest = draw_panel_.draw(input, kDrawCardWidth, row1, fonts_);
    ImGui::SameLine(0, gap);
    tallest = std::max(tallest, prediction_panel_.draw(width - kDrawCardWidth - gap, row1, fonts_));
    row1 = tallest;
    next_row();
    input_panel_.draw(width, 0, fonts_);
  } else {
    draw_panel_.draw(input, width, 0, fonts_);
    next_row();
    prediction_panel_.draw(width, 0, fonts_);
    next_row();
    input_panel_.draw(width, 0, fonts_);
  }
  next_row();
  loss_panel_.draw(width, 0, fonts_);
  next_row();
  if (width >= kTwoColumnsMinWidth) {
    const float half = std::floor((width - gap) / 2);
    float tallest = learn_panel_.draw(half, row3, fonts_);
    ImGui::SameLine(0, gap);
    tallest = std::max(tallest, options_panel_.draw(width - half - gap, row3, fonts_));
    row3 = tallest;
  } else {
    learn_panel_.draw(width, 0, fonts_);
    next_row();
    options_panel_.draw(width, 0, fonts_);
  }
}

void App::draw_section_title(const char* title, const char* text) {
  ImGui::PushFont(fonts_.title);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  widgets::muted_text(text);
  widgets::vertical_gap(theme::kGap);
}

void App::draw_training_section(float width) {
  draw_section_title(text(Text::title_training), text(Text::training_intro));
  training_panel_.draw(width, 0, fonts_);
  widgets::vertical_gap(theme::kGap);
  batch_panel_.draw(width, 0, fonts_);
}

void App::draw_loss_lab_section(float width) {
  draw_section_title(text(Text::title_lab), text(Text::lab_intro));
  loss_lab_panel_.draw(width, fonts_);
}

}  // namespace celab::app
