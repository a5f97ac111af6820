#include "app/learn_panel.h"

#include <cstdio>

#include "app/fonts.h"
#include "app/loss_views.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "imgui.h"

namespace celab::app {

float LearnPanel::draw(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  const float inner = widgets::card_inner_width();
  const ImGuiStyle& style = ImGui::GetStyle();
  widgets::card_title("Learn", fonts);
  widgets::muted_text("One step of gradient descent on this drawing with this target: each weight w becomes "
                      "w \u2212 lr\u00b7\u2202L/\u2202w, so the loss for this target drops.");
  const PredictionPipeline* pipeline = state_.pipeline();
  const bool can_learn = pipeline && pipeline->prediction().has_digit && pipeline->prediction().finite();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("learning rate");
  ImGui::SameLine();
  float lr = static_cast<float>(state_.learning_rate());
  ImGui::SetNextItemWidth(inner - ImGui::GetItemRectSize().x - style.ItemSpacing.x);
  if (ImGui::SliderFloat("##lr", &lr, static_cast<float>(PredictionPipeline::kMinLearningRate),
                         static_cast<float>(PredictionPipeline::kMaxLearningRate), "%.4f",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    state_.set_learning_rate(lr);
  rects_.record_last_item("learning-rate");

  char text[128];
  std::snprintf(text, sizeof text, "Learn this: %d", state_.target());
  ImGui::BeginDisabled(!can_learn);
  if (widgets::primary_button(text)) state_.learn();
  rects_.record_last_item("learn");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!pipeline || pipeline->learn_steps() == 0);
  if (ImGui::Button("Reset model")) state_.reset_model();
  rects_.record_last_item("reset-model");
  ImGui::EndDisabled();

  if (pipeline && pipeline->learn_steps() > 0) {
    const LearnStep& step = pipeline->last_learn_step();
    const auto y = static_cast<size_t>(step.target);
    char before[32], after[32];
    widgets::format_number(before, sizeof before, step.loss_before, 4);
    widgets::format_number(after, sizeof after, step.loss_after, 4);
    std::snprintf(text, sizeof text, "Last step (target %d, lr %.4f): the loss went from %s to %s.", step.target,
                  step.learning_rate, before, after);
    widgets::colored_text(step.loss_after < step.loss_before ? theme::kGood : theme::kTarget, text);
    char p_before[32], p_after[32];
    widgets::format_probability(p_before, sizeof p_before, step.probabilities_before[y]);
    widgets::format_probability(p_after, sizeof p_after, step.probabilities_after[y]);
    std::snprintf(text, sizeof text, "p[%d] went from %s to %s.", step.target, p_before, p_after);
    ImGui::TextUnformatted(text);
    std::snprintf(text, sizeof text,
                  "%d step%s taken: the model differs from the shipped one until you reset it.",
                  pipeline->learn_steps(), pipeline->learn_steps() == 1 ? "" : "s");
    widgets::muted_text(text);
  } else if (!can_learn) {
    widgets::muted_text("Draw a digit first.");
  }
  return widgets::end_card(min_height);
}

float OptionsPanel::draw(float width, float min_height, const Fonts& fonts) {
  widgets::begin_card(width);
  widgets::card_title("Loss options", fonts);
  draw_loss_options(state_.edit_loss_options(), nn::kClasses, /*with_ignore_index=*/false,
                    widgets::card_inner_width(), rects_, "");
  return widgets::end_card(min_height);
}

}  // namespace celab::app
