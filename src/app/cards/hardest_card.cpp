#include "app/cards/hardest_card.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "app/cards/calibration_card.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/picture_colors.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr int kSide = data::kInputSide;
constexpr float kMaxCell = 34;
constexpr float kListBesideMinWidth = 820;
constexpr float kThumb = 56, kThumbGap = 10;

ImU32 with_alpha(ImU32 color, float alpha) {
  const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f);
  return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace

void HardestCard::upload(const std::vector<int64_t>& listed) {
  if (!atlas_) {
    atlas_ = std::make_unique<GlTexture>(kListed * kSide, kSide, false);
    rgba_.assign(static_cast<size_t>(kListed * kSide * kSide), 0);
  }
  if (listed == uploaded_) return;
  uploaded_ = listed;
  const data::MnistSplit& digits = *state_.test_digits();
  data::ModelInput ink;
  std::array<uint32_t, data::kInputPixels> colours;
  std::fill(rgba_.begin(), rgba_.end(), 0);
  for (size_t k = 0; k < listed.size(); ++k) {
    digits.image_as_float(static_cast<size_t>(listed[k]), ink);
    picture_colors::ink(ink, colours);
    for (int y = 0; y < kSide; ++y)
      std::copy_n(colours.begin() + y * kSide, kSide,
                  rgba_.begin() + static_cast<std::ptrdiff_t>(y * kListed * kSide + static_cast<int>(k) * kSide));
  }
  atlas_->upload(rgba_);
}

void HardestCard::draw_matrix(const ConfidenceFigures& f, float cell) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  // Column heads: "predicted" over the columns, the classes under it; row heads: the labels.
  const float head = cell;
  draw->AddText(ImVec2(origin.x + head, origin.y), theme::kTextMuted, text(Text::hardest_predicted));
  const float grid_top = origin.y + line + cell;
  char label[32];
  int64_t most_wrong = 1, row_most = 1;
  for (Eigen::Index r = 0; r < f.confusion.rows(); ++r)
    for (Eigen::Index c = 0; c < f.confusion.cols(); ++c) {
      if (r != c) most_wrong = std::max(most_wrong, f.confusion(r, c));
      row_most = std::max(row_most, f.confusion(r, c));
    }
  for (int k = 0; k < nn::kClasses; ++k) {
    std::snprintf(label, sizeof label, "%d", k);
    const float w = ImGui::CalcTextSize(label).x;
    draw->AddText(ImVec2(origin.x + head + k * cell + 0.5f * (cell - w), origin.y + line + 0.5f * (cell - line)),
                  theme::kTextMuted, label);
    draw->AddText(ImVec2(origin.x + 0.5f * (head - w), grid_top + k * cell + 0.5f * (cell - line)), theme::kTextMuted,
                  label);
  }
  for (int r = 0; r < nn::kClasses; ++r)
    for (int c = 0; c < nn::kClasses; ++c) {
      const int64_t count = f.confusion(r, c);
      const ImVec2 a(origin.x + head + c * cell, grid_top + r * cell);
      const ImVec2 b(a.x + cell - 2, a.y + cell - 2);
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID(r * nn::kClasses + c);
      if (ImGui::InvisibleButton("cell", ImVec2(cell - 2, cell - 2))) {
        const bool same = cell_label_ == r && cell_predicted_ == c;
        cell_label_ = same ? -1 : r;
        cell_predicted_ = same ? -1 : c;
      }
      ImGui::PopID();
      rects_.record_last_item("hardest/cell/" + std::to_string(r) + "/" + std::to_string(c));
      const float share = static_cast<float>(count) / static_cast<float>(r == c ? row_most : most_wrong);
      const ImU32 fill = count == 0 ? theme::kBarTrack
                         : r == c   ? with_alpha(theme::kGood, 0.25f + 0.6f * share)
                                    : with_alpha(theme::kError, 0.35f + 0.6f * share);
      draw->AddRectFilled(a, b, fill, 3.0f);
      if (r == cell_label_ && c == cell_predicted_) draw->AddRect(a, b, theme::kTarget, 3.0f, 0, 2.5f);
      if (ImGui::IsItemHovered()) draw->AddRect(a, b, theme::kText, 3.0f);
      if (count > 0) {
        std::snprintf(label, sizeof label, "%lld", static_cast<long long>(count));
        const float w = ImGui::CalcTextSize(label).x;
        draw->AddText(ImVec2(a.x + 0.5f * (cell - 2 - w), a.y + 0.5f * (cell - 2 - line)), theme::kText, label);
      }
    }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, grid_top + nn::kClasses * cell + 4));
  widgets::muted_text(text(Text::hardest_rows));
}

void HardestCard::draw_list(const std::vector<int64_t>& listed, float width) {
  const ConfidenceView& view = state_.confidence();
  const ConfidenceFigures& f = view.figures();
  upload(listed);
  const float cell = kThumb + kThumbGap + 16;
  const int per_row = std::max(1, static_cast<int>((width + kThumbGap) / cell));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  char line[64];
  for (size_t k = 0; k < listed.size(); ++k) {
    const auto i = static_cast<size_t>(listed[k]);
    const int label = static_cast<int>(view.labels()[i]);
    const int predicted = static_cast<int>(f.predicted[i]);
    if (k % static_cast<size_t>(per_row) != 0) ImGui::SameLine(0, kThumbGap);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(-1.0f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(k));
    if (ImGui::InvisibleButton("digit", ImVec2(kThumb, kThumb))) state_.load_test_digit(i);
    ImGui::PopID();
    rects_.record_last_item("hardest/digit/" + std::to_string(k));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text(Text::hardest_tip));
    const float u0 = static_cast<float>(k) / kListed;
    draw->AddImage(atlas_->id(), p, ImVec2(p.x + kThumb, p.y + kThumb), ImVec2(u0, 0), ImVec2(u0 + 1.0f / kListed, 1));
    const ImU32 verdict = label == predicted ? theme::kGood : theme::kError;
    draw->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + kThumb + 1, p.y + kThumb + 1), verdict, 2.0f, 0, 2.0f);
    std::snprintf(line, sizeof line, text(Text::hardest_item), label, predicted);
    widgets::colored_text(verdict, line);
    widgets::format_number(line, sizeof line, in_units(f.losses[i], state_.units()), 2);
    widgets::muted_text(line);
    ImGui::Dummy(ImVec2(cell - kThumbGap, 0));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
  }
}

void HardestCard::content() {
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_hardest, fonts_);
  widgets::muted_textf(text(Text::hardest_note), state_.test_digit_count());
  if (const ConfidenceFigures* figures = confidence_figures_or_why_not(state_)) {
    const ConfidenceFigures& f = *figures;
    const ConfidenceView& view = state_.confidence();
    const bool beside = inner >= kListBesideMinWidth;
    const float cell = std::min(kMaxCell, std::floor(inner / (nn::kClasses + 1)));
    const float matrix_width = cell * (nn::kClasses + 1);
    widgets::vertical_gap(theme::kGap * 0.5f);
    ImGui::BeginGroup();
    draw_matrix(f, cell);
    ImGui::EndGroup();
    if (beside) {
      ImGui::SameLine(0, 2 * theme::kGap);
    } else {
      widgets::vertical_gap(theme::kGap);
    }
    ImGui::BeginGroup();
    const float list_width = beside ? inner - matrix_width - 2 * theme::kGap : inner;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + list_width);
    std::vector<int64_t> listed;
    char line[160];
    if (cell_label_ >= 0) {
      listed = view.cell(cell_label_, cell_predicted_);
      std::snprintf(line, sizeof line, text(Text::hardest_cell), cell_label_, cell_predicted_, listed.size());
      widgets::colored_text(theme::kTarget, line);
      if (ImGui::SmallButton(text(Text::hardest_all))) cell_label_ = cell_predicted_ = -1;
      rects_.record_last_item("hardest/all");
    } else {
      listed = view.hardest(kListed);
      std::snprintf(line, sizeof line, text(Text::hardest_list), static_cast<int>(listed.size()));
      widgets::colored_text(theme::kTarget, line);
    }
    if (listed.size() > static_cast<size_t>(kListed)) listed.resize(kListed);
    if (listed.empty()) widgets::muted_text(text(Text::hardest_empty_cell));
    draw_list(listed, list_width);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
  }
}

}  // namespace celab::app
