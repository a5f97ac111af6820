// The training card's line plot: the loss of every step (thin) and its running mean (bold) against
// the step, a dashed reference line at ln 10 (a uniform guess over ten classes), and test accuracy
// as dots on a 0-100% scale at the right. Thousands of steps are drawn as one point per pixel column.
#pragma once

#include <span>

#include "app/core/training_session.h"
#include "imgui.h"

namespace celab::app {

void draw_loss_plot(std::span<const float> losses, std::span<const float> running_means,
                    std::span<const AccuracyPoint> accuracies, ImVec2 size);

}  // namespace celab::app
