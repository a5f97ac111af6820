#include "app/ui/loss_curve.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/core/confidence_text.h"
#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "nn/architecture.h"

namespace celab::app {
namespace {

constexpr float kPlotHeight = 190;
constexpr float kPlotMaxWidth = 460;
constexpr float kTextBesideMinWidth = 760;  // narrower: the words go under the curve
constexpr float kAxisWidth = 34, kBottomHeight = 22;
constexpr int kCurvePoints = 160;

// The plot's y range, in the page's units: past the target's point, at least 2 ln C.
float y_top(double point_nats, LossUnits units) {
  const double floor = 2.2 * std::log(static_cast<double>(nn::kClasses));
  const double top = std::isfinite(point_nats) ? std::max(floor, 1.15 * point_nats) : floor;
  return static_cast<float>(in_units(std::min(top, 40.0), units));
}

void draw_plot(const Prediction& p, int target, LossUnits units, ImVec2 size) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float x0 = origin.x + kAxisWidth, width = size.x - kAxisWidth - 8;
  const float top = origin.y + 6, height = size.y - kBottomHeight - 6;
  const auto y = static_cast<size_t>(target);
  const double point_p = p.probabilities[y];
  const double point_l = -static_cast<double>(p.log_probabilities[y]);  // −log p[y], in nats
  const float y_max = y_top(point_l, units);
  const auto sx = [&](double prob) { return x0 + static_cast<float>(prob) * width; };
  const auto sy = [&](double value) {
    return top + height * (1.0f - std::clamp(static_cast<float>(value) / y_max, 0.0f, 1.0f));
  };
  draw->AddRectFilled(ImVec2(x0, top), ImVec2(x0 + width, top + height), theme::kPictureGround, 4.0f);
  char label[48];
  const float step = y_max > 20 ? 10.0f : y_max > 8 ? 2.0f : 1.0f;
  for (float v = 0; v <= y_max + 1e-3f; v += step) {
    draw->AddLine(ImVec2(x0, sy(v)), ImVec2(x0 + width, sy(v)), theme::kBarTrack);
    std::snprintf(label, sizeof label, "%g", static_cast<double>(v));
    draw->AddText(ImVec2(origin.x, sy(v) - 0.5f * ImGui::GetTextLineHeight()), theme::kTextMuted, label);
  }
  for (const double prob : {0.0, 0.5, 1.0}) {
    std::snprintf(label, sizeof label, "%g", prob);
    const float w = ImGui::CalcTextSize(label).x;
    draw->AddText(ImVec2(std::clamp(sx(prob) - 0.5f * w, x0, x0 + width - w), top + height + 3), theme::kTextMuted,
                  label);
  }
  const char* axis = "p[y]";
  draw->AddText(ImVec2(sx(0.5) + 24, top + height + 3), theme::kTextMuted, axis);

  // The curve, −log p, from where it leaves the plot's top to p = 1.
  const double p_min = std::exp(-y_max * (units == LossUnits::Bits ? std::log(2.0) : 1.0));
  ImVec2 points[kCurvePoints];
  for (int k = 0; k < kCurvePoints; ++k) {
    // Denser near p_min, where the curve is steep: p = p_min^(1 - t).
    const double t = static_cast<double>(k) / (kCurvePoints - 1);
    const double prob = std::pow(p_min, 1.0 - t);
    points[k] = ImVec2(sx(prob), sy(in_units(-std::log(prob), units)));
  }
  draw->AddPolyline(points, kCurvePoints, theme::kAccent, 0, 2.0f);

  // The uniform guess: p = 1/C, L = ln C, dashed to both axes.
  const double uniform_p = 1.0 / nn::kClasses;
  const float ux = sx(uniform_p), uy = sy(in_units(std::log(static_cast<double>(nn::kClasses)), units));
  for (float x = x0; x < ux; x += 8) draw->AddLine(ImVec2(x, uy), ImVec2(std::min(x + 4, ux), uy), theme::kTextMuted);
  for (float yy = uy; yy < top + height; yy += 8)
    draw->AddLine(ImVec2(ux, yy), ImVec2(ux, std::min(yy + 4, top + height)), theme::kTextMuted);
  draw->AddCircleFilled(ImVec2(ux, uy), 3.5f, theme::kTextMuted);
  std::snprintf(label, sizeof label, text(Text::curve_uniform), nn::kClasses, nn::kClasses);
  draw->AddText(ImVec2(ux + 8, uy - ImGui::GetTextLineHeight() - 2), theme::kTextMuted, label);

  // The target's point, live.
  if (std::isfinite(point_l)) {
    const ImVec2 at(sx(point_p), sy(in_units(point_l, units)));
    draw->AddCircleFilled(at, 6, theme::kTarget);
    draw->AddCircle(at, 9, theme::kTarget, 0, 1.5f);
  }
  ImGui::Dummy(size);
}

}  // namespace

void draw_units_switch(AppState& state, UiRects& rects) {
  ImGui::AlignTextToFramePadding();
  widgets::muted_text(text(Text::units_label));
  for (const LossUnits u : kLossUnits) {
    ImGui::SameLine();
    if (ImGui::RadioButton(units_text(u), state.units() == u)) state.set_units(u);
    rects.record_last_item(std::string("units/") + units_name(u));
  }
}

void draw_loss_curve(const AppState& state, const Prediction& p, float width) {
  const LossUnits units = state.units();
  const int target = state.target();
  const auto y = static_cast<size_t>(target);
  widgets::colored_text(theme::kAccent, text(Text::curve_heading));
  const bool beside = width >= kTextBesideMinWidth;
  const float plot_width = std::min(beside ? kPlotMaxWidth : width, kPlotMaxWidth);
  draw_plot(p, target, units, ImVec2(plot_width, kPlotHeight));
  if (beside) ImGui::SameLine(0, theme::kGap);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (beside ? width - plot_width - theme::kGap : width));
  char prob[32], loss[48], slope[32], line[512];
  widgets::format_probability(prob, sizeof prob, p.probabilities[y]);
  widgets::format_loss(loss, sizeof loss, -static_cast<double>(p.log_probabilities[y]), units, 4);
  std::snprintf(line, sizeof line, text(Text::curve_point), target, prob, loss);
  widgets::colored_text(theme::kTarget, line);
  widgets::format_number(slope, sizeof slope, in_units(static_cast<double>(p.probabilities[y]) - 1.0, units), 4);
  std::snprintf(line, sizeof line, text(Text::curve_slope), slope, units_short_text(units));
  widgets::paragraph(line);
  const nn::CrossEntropyOptions<double>& o = state.loss_options();
  if (o.label_smoothing > 0 || o.weighted()) widgets::muted_text(text(Text::curve_options_note));
  widgets::vertical_gap(theme::kGap * 0.5f);
  widgets::muted_text(text(Text::units_note));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace celab::app
