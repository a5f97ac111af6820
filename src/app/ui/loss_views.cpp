#include "app/ui/loss_views.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {
namespace {

constexpr float kSideBySideMinWidth = 700;
constexpr float kWeightSliderWidth = 26;
constexpr float kWeightSliderHeight = 84;

// The formula's lines for the lab's options: only the terms that are not trivially 1 or 0.
void formula_lines(const LossLab& lab) {
  const nn::LossBreakdown& r = lab.result();
  const nn::CrossEntropyOptions<double>& o = lab.options();
  const auto y = static_cast<size_t>(lab.target());
  char a[32], b[32], c[32], line[160];
  if (r.ignored[0]) {
    widgets::muted_text(text(Text::views_ignored));
    return;
  }
  widgets::format_number(a, sizeof a, lab.logits()[y], 4);
  widgets::format_number(b, sizeof b, r.log_sum_exp[0], 4);
  std::snprintf(line, sizeof line, "x[y] = %s,  log \u03a3 exp(x) = %s", a, b);
  widgets::muted_text(line);
  widgets::format_number(c, sizeof c, r.neg_log_p[0], 4);
  std::snprintf(line, sizeof line, "\u2212log p[y] = \u2212x[y] + log \u03a3 exp(x) = %s", c);
  widgets::muted_text(line);
  const char* divisor = o.reduction == nn::Reduction::Mean ? "w[y]" : "1";
  if (o.label_smoothing > 0) {
    widgets::format_number(a, sizeof a, r.smoothing_term[0], 4);
    std::snprintf(line, sizeof line, "(1/C) \u03a3 w[c]\u00b7(\u2212log p[c]) = %s", a);
    widgets::muted_text(line);
    std::snprintf(line, sizeof line, "loss = ((1 \u2212 %.2f)\u00b7w[y]\u00b7%s + %.2f\u00b7%s) / %s",
                  o.label_smoothing, c, o.label_smoothing, a, divisor);
    widgets::muted_text(line);
  } else if (o.weighted()) {
    std::snprintf(line, sizeof line, "loss = w[y]\u00b7%s / %s,  w[y] = %.2f", c, divisor, r.target_weight[0]);
    widgets::muted_text(line);
  }
}

void nll_lines(const LossLab& lab) {
  const nn::LossBreakdown& r = lab.result();
  const auto y = static_cast<Eigen::Index>(lab.target());
  char a[32], line[128];
  widgets::format_number(a, sizeof a, r.log_probabilities(0, y), 4);
  std::snprintf(line, sizeof line, "log_softmax(x)[y] = %s", a);
  widgets::muted_text(line);
  widgets::muted_text(text(r.ignored[0] ? Text::views_nll_skips : Text::views_nll_negates));
  if (lab.options().label_smoothing > 0) widgets::muted_text(text(Text::views_smoothing_term));
}

}  // namespace

void draw_three_ways(const LossLab& lab, float width, const Fonts& fonts) {
  const nn::LossBreakdown& result = lab.result();
  const bool side_by_side = width >= kSideBySideMinWidth;
  const float gap = 2 * theme::kCardPadding;
  const float column_width = side_by_side ? (width - 2 * gap) / 3 : width;
  struct Column {
    const char* title;
    double value;
  };
  const Column columns[] = {{"nn.CrossEntropyLoss", result.library[0]},
                            {"\u2212x[y] + log \u03a3 exp(x)", result.formula[0]},
                            {"LogSoftmax + NLLLoss", result.log_softmax_nll[0]}};
  const float row_top = ImGui::GetCursorScreenPos().y;
  float row_bottom = row_top;
  float separator_x[2] = {0, 0};
  char number[32];
  for (int k = 0; k < 3; ++k) {
    if (k > 0) {
      if (side_by_side) {
        ImGui::SameLine(0, gap);
        separator_x[k - 1] = ImGui::GetCursorScreenPos().x - 0.5f * gap;
      } else {
        widgets::vertical_gap(theme::kGap);
      }
    }
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width);
    ImGui::PushFont(fonts.heading);
    widgets::colored_text(theme::kAccent, columns[k].title);
    ImGui::PopFont();
    ImGui::PushFont(fonts.display);
    widgets::format_number(number, sizeof number, columns[k].value, 4);
    ImGui::TextUnformatted(number);
    ImGui::PopFont();
    switch (k) {
      case 0:
        widgets::muted_textf("criterion = %s", lab.criterion().c_str());
        widgets::muted_text("loss = criterion(x, y)");
        break;
      case 1: formula_lines(lab); break;
      default: nll_lines(lab); break;
    }
    ImGui::Dummy(ImVec2(column_width, 0));  // the column's full width, whatever its text
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
  }
  if (side_by_side) {
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    for (float x : separator_x) draw_list->AddLine(ImVec2(x, row_top), ImVec2(x, row_bottom), theme::kCardBorder);
  }

  widgets::vertical_gap(theme::kGap);
  const double disagreement = result.max_disagreement();
  char line[256];
  if (disagreement <= 1e-12) {
    if (lab.options().is_default()) {
      widgets::format_probability(number, sizeof number, result.probabilities(0, lab.target()));
      std::snprintf(line, sizeof line, text(Text::views_agree_equal), disagreement, number);
    } else {
      std::snprintf(line, sizeof line, text(Text::views_agree), disagreement);
    }
    widgets::colored_text(theme::kGood, line);
  } else {
    std::snprintf(line, sizeof line, text(Text::views_differ), disagreement);
    widgets::colored_text(theme::kError, line);
  }
}

bool draw_loss_options(nn::CrossEntropyOptions<double>& options, int classes, bool with_ignore_index, float width,
                       UiRects& rects, const char* prefix) {
  char name[64];  // widget names for `rects`, without allocating every frame
  const auto record = [&](const char* what) {
    std::snprintf(name, sizeof name, "%s%s", prefix, what);
    rects.record_last_item(name);
  };
  bool changed = false;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushID(prefix);  // the same ID every frame, wherever the caller keeps its options

  // Label smoothing.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("label_smoothing \u03b5");
  ImGui::SameLine();
  float eps = static_cast<float>(options.label_smoothing);
  ImGui::SetNextItemWidth(std::max(80.0f, width - ImGui::GetItemRectSize().x - style.ItemSpacing.x));
  if (ImGui::SliderFloat("##smoothing", &eps, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) {
    options.label_smoothing = std::round(eps * 100.0) / 100.0;
    changed = true;
  }
  record("smoothing");
  widgets::muted_text(text(Text::views_smoothing_note));

  // Reduction.
  widgets::vertical_gap(14);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("reduction");
  for (nn::Reduction r : nn::kReductions) {
    ImGui::SameLine(0, 2 * style.ItemSpacing.x);
    if (ImGui::RadioButton(nn::reduction_name(r), options.reduction == r)) {
      options.reduction = r;
      changed = true;
    }
    char what[32];
    std::snprintf(what, sizeof what, "reduction/%s", nn::reduction_name(r));
    record(what);
  }
  widgets::muted_text(text(Text::views_reduction_note));

  // Class weights.
  widgets::vertical_gap(14);
  bool weighted = options.weighted();
  if (ImGui::Checkbox(text(Text::views_class_weights), &weighted)) {
    // On: every class starts at 1 (the same loss as no weights); off: PyTorch's weight=None.
    if (weighted) {
      options.weight.assign(static_cast<size_t>(classes), 1.0);
    } else {
      options.weight.clear();
    }
    changed = true;
  }
  record("weights");
  if (options.weighted()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(text(Text::views_all_one))) {
      std::fill(options.weight.begin(), options.weight.end(), 1.0);
      changed = true;
    }
    const float spacing = std::min(style.ItemSpacing.x,
                                   std::max(2.0f, (width - classes * kWeightSliderWidth) / std::max(1, classes - 1)));
    for (int k = 0; k < classes; ++k) {
      if (k > 0) ImGui::SameLine(0, spacing);
      ImGui::PushID(k);
      ImGui::BeginGroup();
      double& weight = options.weight[static_cast<size_t>(k)];
      float w = static_cast<float>(weight);
      if (ImGui::VSliderFloat("##w", ImVec2(kWeightSliderWidth, kWeightSliderHeight), &w, 0.0f,
                              static_cast<float>(LossLab::kMaxClassWeight), "", ImGuiSliderFlags_AlwaysClamp)) {
        weight = std::round(w * 10.0) / 10.0;
        changed = true;
      }
      char what[32];
      std::snprintf(what, sizeof what, "weight/%d", k);
      record(what);
      if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetTooltip("w[%d] = %.1f", k, weight);
      char label[16];
      std::snprintf(label, sizeof label, "%d", k);
      const float label_width = ImGui::CalcTextSize(label).x;
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 0.5f * (kWeightSliderWidth - label_width));
      widgets::muted_text(label);
      ImGui::EndGroup();
      ImGui::PopID();
    }
    widgets::muted_textf(text(Text::views_weights_note), LossLab::kMaxClassWeight);
  } else {
    widgets::muted_text(text(Text::views_weights_off));
  }

  if (with_ignore_index) {
    widgets::vertical_gap(14);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("ignore_index");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    char preview[16];
    std::snprintf(preview, sizeof preview, "%lld", static_cast<long long>(options.ignore_index));
    if (ImGui::BeginCombo("##ignore", preview)) {
      for (int64_t v = -1; v < classes; ++v) {
        const int64_t value = v < 0 ? nn::kDefaultIgnoreIndex : v;
        std::snprintf(preview, sizeof preview, "%lld", static_cast<long long>(value));
        if (ImGui::Selectable(preview, options.ignore_index == value)) {
          options.ignore_index = value;
          changed = true;
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    widgets::muted_text(text(options.ignore_index == nn::kDefaultIgnoreIndex ? Text::views_ignore_default
                                                                             : Text::views_ignore_skipped));
  }
  ImGui::PopID();
  return changed;
}

}  // namespace celab::app
