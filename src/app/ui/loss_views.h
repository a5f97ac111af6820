// Pieces both loss cards draw: the drawn digit's loss and the loss lab show the same three
// computations side by side and the same option controls.
#pragma once

#include "app/core/loss_lab.h"
#include "app/ui/rects.h"
#include "nn/loss_options.h"

namespace celab::app {

struct Fonts;

// nn.CrossEntropyLoss, the formula written out, and LogSoftmax + NLLLoss, each with its value in the
// display font, side by side when `width` allows, stacked otherwise; then whether they agree.
void draw_three_ways(const LossLab& lab, float width, const Fonts& fonts);

// Label smoothing, reduction, class weights (for `classes` classes) and, when `with_ignore_index`,
// ignore_index. Edits `options`; returns whether anything changed. Records the controls in `rects`
// as <prefix>smoothing, <prefix>reduction/<mean|sum|none>, <prefix>weights, <prefix>weight/<k>.
bool draw_loss_options(nn::CrossEntropyOptions<double>& options, int classes, bool with_ignore_index, float width,
                       UiRects& rects, const char* prefix);

}  // namespace celab::app
