#include "app/ui/loss_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/core/page_text.h"
#include "app/ui/theme.h"
#include "nn/architecture.h"

namespace celab::app {
namespace {

constexpr float kAxisWidth = 34;   // left: loss labels
constexpr float kRightWidth = 40;  // right: accuracy labels
constexpr float kBottomHeight = 18;

struct YScale {
  float top, height, max;
  float y_of(float loss) const {
    const float clamped = std::clamp(std::isfinite(loss) ? loss : max, 0.0f, max);
    return top + height * (1.0f - clamped / max);
  }
};

// One point per pixel column at most: the mean of the steps that fall in it.
std::vector<ImVec2> columns_of(std::span<const float> values, int columns, float x0, float width, const YScale& scale,
                               size_t steps) {
  std::vector<ImVec2> points;
  if (values.empty()) return points;
  const size_t n = values.size();
  const size_t buckets = std::min(n, static_cast<size_t>(std::max(columns, 1)));
  points.reserve(buckets);
  for (size_t b = 0; b < buckets; ++b) {
    const size_t first = b * n / buckets, last = std::max(first + 1, (b + 1) * n / buckets);
    double sum = 0;
    for (size_t i = first; i < last; ++i) sum += values[i];
    const float mean = static_cast<float>(sum / static_cast<double>(last - first));
    const float step = 0.5f * static_cast<float>(first + last - 1);  // the bucket's middle step
    const float x = x0 + (steps > 1 ? step / static_cast<float>(steps - 1) : 0.0f) * width;
    points.push_back(ImVec2(x, scale.y_of(mean)));
  }
  return points;
}

}  // namespace

void draw_loss_plot(std::span<const float> losses, std::span<const float> running_means,
                    std::span<const AccuracyPoint> accuracies, ImVec2 size) {
  const float ln_classes = std::log(static_cast<float>(nn::kClasses));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float x0 = origin.x + kAxisWidth, width = size.x - kAxisWidth - kRightWidth;
  const float top = origin.y + 6, height = size.y - kBottomHeight - 6;
  // Up to the larger of 1.25 ln 10 and the highest running mean (a fresh network's spikes clipped).
  float highest = 0;
  for (const float m : running_means) highest = std::max(highest, std::isfinite(m) ? m : 0.0f);
  const YScale scale{top, height, std::max(1.25f * ln_classes, std::min(1.1f * highest, 4 * ln_classes))};
  draw->AddRectFilled(ImVec2(x0, top), ImVec2(x0 + width, top + height), theme::kPictureGround, 4.0f);

  char label[32];
  for (float v = 0; v <= scale.max + 1e-3f; v += 0.5f) {  // horizontal grid every 0.5
    const float y = scale.y_of(v);
    draw->AddLine(ImVec2(x0, y), ImVec2(x0 + width, y), theme::kBarTrack);
    std::snprintf(label, sizeof label, "%.1f", static_cast<double>(v));
    draw->AddText(ImVec2(origin.x, y - 0.5f * ImGui::GetTextLineHeight()), theme::kTextMuted, label);
  }
  for (int pct = 0; pct <= 100; pct += 50) {
    const float y = top + height * (1.0f - static_cast<float>(pct) / 100.0f);
    std::snprintf(label, sizeof label, "%d%%", pct);
    draw->AddText(ImVec2(x0 + width + 6, y - 0.5f * ImGui::GetTextLineHeight()), theme::kGood, label);
  }
  // ln 10, dashed.
  const float ref_y = scale.y_of(ln_classes);
  for (float x = x0; x < x0 + width; x += 10)
    draw->AddLine(ImVec2(x, ref_y), ImVec2(std::min(x + 6, x0 + width), ref_y), theme::kTarget, 1.5f);
  draw->AddText(ImVec2(x0 + width - 110, ref_y - ImGui::GetTextLineHeight() - 2), theme::kTarget, "ln 10 \u2248 2.303");

  const size_t steps = losses.size();
  const int columns = static_cast<int>(width);
  const auto raw = columns_of(losses, columns, x0, width, scale, steps);
  const auto mean = columns_of(running_means, columns, x0, width, scale, steps);
  if (raw.size() > 1) draw->AddPolyline(raw.data(), static_cast<int>(raw.size()), theme::kBar, 0, 1.0f);
  if (mean.size() > 1) draw->AddPolyline(mean.data(), static_cast<int>(mean.size()), theme::kAccent, 0, 2.5f);
  if (raw.size() == 1) draw->AddCircleFilled(raw[0], 3, theme::kAccent);
  for (const AccuracyPoint& a : accuracies) {
    const float x = x0 + (steps > 1 ? static_cast<float>(a.step) / static_cast<float>(steps - 1) : 0.0f) * width;
    const float y = top + height * (1.0f - static_cast<float>(a.accuracy));
    if (x <= x0 + width + 0.5f) draw->AddCircleFilled(ImVec2(x, y), 3, theme::kGood);
  }
  std::snprintf(label, sizeof label, text(Text::training_plot_step), steps);
  draw->AddText(ImVec2(x0 + width - ImGui::CalcTextSize(label).x, top + height + 2), theme::kTextMuted, label);
  draw->AddText(ImVec2(x0, top + height + 2), theme::kTextMuted, "0");
  ImGui::Dummy(size);
}

}  // namespace celab::app
