#include "app/cards/learn_card.h"

#include <cstdio>

#include "app/core/page_text.h"
#include "app/ui/fonts.h"
#include "app/ui/loss_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace celab::app {

void LearnCard::content() {
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();
  widgets::card_title(Text::heading_learn, fonts_);
  widgets::muted_text(text(Text::learn_note));
  const PredictionPipeline* pipeline = state_.pipeline();
  const bool can_learn = pipeline && pipeline->prediction().has_digit && pipeline->prediction().finite();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text(Text::learn_rate));
  ImGui::SameLine();
  float lr = static_cast<float>(state_.learning_rate());
  ImGui::SetNextItemWidth(inner - ImGui::GetItemRectSize().x - style.ItemSpacing.x);
  if (ImGui::SliderFloat("##lr", &lr, static_cast<float>(PredictionPipeline::kMinLearningRate),
                         static_cast<float>(PredictionPipeline::kMaxLearningRate), "%.4f",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    state_.set_learning_rate(lr);
  rects_.record_last_item("learning-rate");

  char line[192];
  std::snprintf(line, sizeof line, text(Text::learn_button), state_.target());
  ImGui::BeginDisabled(!can_learn);
  if (widgets::primary_button(line)) state_.learn();
  rects_.record_last_item("learn");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!pipeline || pipeline->learn_steps() == 0);
  if (ImGui::Button(text(Text::learn_reset))) state_.reset_model();
  rects_.record_last_item("reset-model");
  ImGui::EndDisabled();

  if (pipeline && pipeline->learn_steps() > 0) {
    const LearnStep& step = pipeline->last_learn_step();
    const auto y = static_cast<size_t>(step.target);
    char before[32], after[32];
    widgets::format_number(before, sizeof before, step.loss_before, 4);
    widgets::format_number(after, sizeof after, step.loss_after, 4);
    std::snprintf(line, sizeof line, text(Text::learn_last_step), step.target, step.learning_rate, before, after);
    widgets::colored_text(step.loss_after < step.loss_before ? theme::kGood : theme::kTarget, line);
    char p_before[32], p_after[32];
    widgets::format_probability(p_before, sizeof p_before, step.probabilities_before[y]);
    widgets::format_probability(p_after, sizeof p_after, step.probabilities_after[y]);
    std::snprintf(line, sizeof line, text(Text::learn_p_went), step.target, p_before, p_after);
    ImGui::TextUnformatted(line);
    std::snprintf(line, sizeof line,
                  text(pipeline->learn_steps() == 1 ? Text::learn_steps_one : Text::learn_steps_many),
                  pipeline->learn_steps());
    widgets::muted_text(line);
  } else if (!can_learn) {
    widgets::muted_text(text(Text::learn_draw_first));
  }
}

}  // namespace celab::app
