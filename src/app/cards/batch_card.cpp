#include "app/cards/batch_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/cards/training_card.h"
#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/picture_colors.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "data/model_input.h"
#include "imgui.h"
#include "nn/architecture.h"

namespace celab::app {
namespace {

constexpr int kAtlasColumns = 16;
constexpr int kAtlasRows = (BatchView::kMaxSize + kAtlasColumns - 1) / kAtlasColumns;
constexpr int kSide = data::kInputSide;
constexpr float kCellGap = 8;
constexpr float kNarrowCard = 500;  // phones: thumbnails at 1.5x instead of 2x

// "tensor([5, 0, -100, ...])", as PyTorch prints a tensor of class indices.
std::string tensor_text(const std::vector<int64_t>& values) {
  std::string out = "tensor([";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
  return out + "])";
}

}  // namespace

void BatchCard::upload() {
  const BatchView& batch = state_.batch();
  if (!atlas_) {
    atlas_ = std::make_unique<GlTexture>(kAtlasColumns * kSide, kAtlasRows * kSide, false);
    rgba_.assign(static_cast<size_t>(kAtlasColumns * kSide * kAtlasRows * kSide), 0);
  }
  if (batch.batch_version() == uploaded_batch_ || !batch.has_batch()) return;
  uploaded_batch_ = batch.batch_version();
  const data::MnistSplit& digits = *state_.training().digits();
  data::ModelInput ink;
  std::array<uint32_t, data::kInputPixels> colours;
  for (int r = 0; r < batch.rows(); ++r) {
    digits.image_as_float(batch.indices()[static_cast<size_t>(r)], ink);
    picture_colors::ink(ink, colours);
    const int x0 = (r % kAtlasColumns) * kSide, y0 = (r / kAtlasColumns) * kSide;
    for (int y = 0; y < kSide; ++y)
      std::copy_n(colours.begin() + y * kSide, kSide,
                  rgba_.begin() + static_cast<std::ptrdiff_t>((y0 + y) * kAtlasColumns * kSide + x0));
  }
  atlas_->upload(rgba_);
}

void BatchCard::draw_reductions(float width) {
  const BatchView& batch = state_.batch();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  widgets::muted_text(("labels = " + tensor_text(batch.targets())).c_str());
  const nn::CrossEntropyOptions<double>& o = batch.options();
  widgets::muted_text(("criterion = " + nn::criterion_text(o)).c_str());
  ImGui::PopTextWrapPos();
  int ignored = 0;
  for (int r = 0; r < batch.rows(); ++r) ignored += batch.ignored(r);
  // While the batch's logits come in (a few frames), the same lines with "…" for the numbers: the
  // thumbnails below stay where they are, so a click aimed at one during those frames lands on it.
  char line[256], sum[32] = "\u2026", divisor[32] = "\u2026", mean[32] = "\u2026";
  if (batch.ready()) {
    const nn::LossBreakdown& b = batch.breakdown();
    widgets::format_number(sum, sizeof sum, b.sum, 4);
    widgets::format_number(divisor, sizeof divisor, b.mean_divisor, o.weighted() ? 2 : 0);
    widgets::format_number(mean, sizeof mean, b.mean, 4);
  }
  if (o.label_smoothing > 0) {
    widgets::muted_textf(text(Text::batch_per_sample_smoothing), nn::kClasses);
  } else {
    widgets::muted_text(text(Text::batch_per_sample));
  }
  std::snprintf(line, sizeof line, "reduction='sum':   \u03a3 l_i = %s", sum);
  widgets::paragraph(line);
  std::snprintf(line, sizeof line, "reduction='mean':  \u03a3 l_i / \u03a3 w[y_i] = %s / %s = %s", sum, divisor, mean);
  widgets::colored_text(theme::kAccent, line);
  widgets::muted_textf(text(o.weighted() ? Text::batch_over_weighted : Text::batch_over_unweighted),
                       batch.rows() - ignored, ignored);
}

void BatchCard::draw_sample(int row, float side, float cell) {
  const BatchView& batch = state_.batch();
  const bool ignored = batch.ignored(row);
  const int label = static_cast<int>(batch.labels()[static_cast<size_t>(row)]);
  const int predicted = batch.ready() ? batch.predicted(row) : -1;
  const ImU32 verdict = ignored || predicted < 0 ? theme::kTextMuted : predicted == label ? theme::kGood : theme::kError;
  char name[32], label_text[48];
  ImGui::PushID(row);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(-1.0f);  // a cell's lines never wrap: the cell is wide enough
  const ImVec2 cell_origin = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(std::round(cell_origin.x + 0.5f * (cell - side)), cell_origin.y));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  if (ImGui::InvisibleButton("thumb", ImVec2(side, side))) state_.load_batch_digit(row);
  std::snprintf(name, sizeof name, "batch/thumb/%d", row);
  rects_.record_last_item(name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text(Text::batch_thumb_tip));
  const float u0 = static_cast<float>(row % kAtlasColumns) / kAtlasColumns;
  const float v0 = static_cast<float>(row / kAtlasColumns) / kAtlasRows;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddImage(atlas_->id(), p, ImVec2(p.x + side, p.y + side), ImVec2(u0, v0),
                 ImVec2(u0 + 1.0f / kAtlasColumns, v0 + 1.0f / kAtlasRows),
                 ignored ? IM_COL32(255, 255, 255, 70) : IM_COL32_WHITE);
  draw->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + side + 1, p.y + side + 1), verdict, 2.0f, 0, 2.0f);

  // The label, as a button: it toggles ignore_index.
  std::snprintf(label_text, sizeof label_text, "y=%lld",
                static_cast<long long>(ignored ? BatchView::kIgnoreIndex : label));
  ImGui::SetCursorScreenPos(ImVec2(cell_origin.x, ImGui::GetCursorScreenPos().y));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 1));
  if (ImGui::Button(label_text, ImVec2(cell, 0))) state_.edit_batch().toggle_ignore(row);
  ImGui::PopStyleVar();
  std::snprintf(name, sizeof name, "batch/label/%d", row);
  rects_.record_last_item(name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text(ignored ? Text::batch_count_tip : Text::batch_ignore_tip));
  if (predicted >= 0) {
    widgets::colored_textf(verdict, text(Text::batch_predicted), predicted);
    if (ignored) {
      widgets::muted_text(text(Text::batch_ignored));
    } else {
      char loss[32];
      widgets::format_probability(loss, sizeof loss, batch.breakdown().row_loss[static_cast<size_t>(row)]);
      ImGui::TextUnformatted(loss);
    }
  } else {  // the logits are coming: the cell as tall as it will be, so the rows below stay put
    widgets::muted_text("\u2026");
    ImGui::TextUnformatted("");
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::PopID();
}

void BatchCard::draw_grid(float width) {
  const float side = width < kNarrowCard ? 1.5f * kSide : 2.0f * kSide;
  // As wide as the widest of a cell's lines: a loss ("8.88e-08"), "pred 8", "ignored".
  char predicted[32];
  std::snprintf(predicted, sizeof predicted, text(Text::batch_predicted), 8);
  const float cell = std::max({side, ImGui::CalcTextSize("8.88e-08").x, ImGui::CalcTextSize(predicted).x,
                               ImGui::CalcTextSize(text(Text::batch_ignored)).x});
  const int columns = std::max(1, static_cast<int>((width + kCellGap) / (cell + kCellGap)));
  const std::vector<int> order = state_.batch().order(worst_first_);
  for (size_t k = 0; k < order.size(); ++k) {
    if (k % static_cast<size_t>(columns) != 0) ImGui::SameLine(0, kCellGap);
    draw_sample(order[k], side, cell);
  }
}

void BatchCard::content() {
  upload();
  const float inner = widgets::card_inner_width();
  widgets::card_title(Text::heading_batch, fonts_);
  if (state_.batch().ready()) {
    code_.draw_button_at_right(ImGui::GetCursorPosX(), inner);  // after the title: at the inner left edge
    code_.draw_box(inner);
  }
  widgets::muted_text(text(Text::batch_note));
  BatchView& batch = state_.edit_batch();
  TrainingLab& lab = state_.training();
  if (!batch.open()) {
    if (widgets::primary_button(text(Text::batch_show))) state_.open_batch();
    rects_.record_last_item("batch/open");
    ImGui::SameLine();
    widgets::muted_text(text(Text::batch_show_note));
    return;
  }
  draw_data_status(lab, inner, rects_, "batch/retry");
  if (!batch.has_batch()) return;

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::training_batch_size));
  ImGui::SameLine();
  int size = batch.size();
  ImGui::SetNextItemWidth(std::min(260.0f, inner * 0.4f));
  if (ImGui::SliderInt("##batch-size", &size, BatchView::kMinSize, BatchView::kMaxSize, "%d",
                       ImGuiSliderFlags_AlwaysClamp))
    batch.set_size(size);
  rects_.record_last_item("batch/size");
  ImGui::SameLine();
  if (widgets::primary_button(text(Text::batch_new))) batch.new_batch();
  rects_.record_last_item("batch/new");
  widgets::same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(text(Text::batch_worst_first)).x + 8,
                             ImGui::GetStyle().ItemSpacing.x);
  ImGui::Checkbox(text(Text::batch_worst_first), &worst_first_);
  rects_.record_last_item("batch/worst-first");
  if (batch.size() != batch.rows()) {
    widgets::muted_textf(text(Text::batch_next_size), batch.size());
  }
  widgets::vertical_gap(theme::kGap * 0.5f);
  draw_reductions(inner);
  widgets::vertical_gap(theme::kGap * 0.5f);
  draw_grid(inner);
}

}  // namespace celab::app
