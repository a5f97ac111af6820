// The mistakes card's table: for each of the library's mistakes (nn/loss_mistakes.h: what PyTorch
// does with it), its title, the wrong line of PyTorch, what happened and why (with the loss lab's
// numbers) and the fix, in the page's language. No UI here.
#pragma once

#include <string>

#include "app/core/loss_lab.h"
#include "app/core/page_text.h"
#include "nn/loss_mistakes.h"

namespace celab::app {

struct MistakeRow {
  nn::Mistake mistake;
  Text title;
  Text fix;
};
// One row per nn::kMistakes, in its order.
inline constexpr MistakeRow kMistakeRows[] = {
    {nn::Mistake::SoftmaxAsLogits, Text::mistakes_softmax_as_logits_title, Text::mistakes_softmax_as_logits_fix},
    {nn::Mistake::LogSoftmaxFirst, Text::mistakes_log_softmax_first_title, Text::mistakes_log_softmax_first_fix},
    {nn::Mistake::LabelsFromOne, Text::mistakes_labels_from_one_title, Text::mistakes_labels_from_one_fix},
    {nn::Mistake::OneHotFloat, Text::mistakes_one_hot_float_title, Text::mistakes_one_hot_float_fix},
    {nn::Mistake::OneHotLong, Text::mistakes_one_hot_long_title, Text::mistakes_one_hot_long_fix},
    {nn::Mistake::IndexColumn, Text::mistakes_index_column_title, Text::mistakes_index_column_fix},
    {nn::Mistake::FloatIndices, Text::mistakes_float_indices_title, Text::mistakes_float_indices_fix},
    {nn::Mistake::AllIgnored, Text::mistakes_all_ignored_title, Text::mistakes_all_ignored_fix},
    {nn::Mistake::WeightedMean, Text::mistakes_weighted_mean_title, Text::mistakes_weighted_mean_fix},
    {nn::Mistake::IgnoreRealClass, Text::mistakes_ignore_real_class_title, Text::mistakes_ignore_real_class_fix},
};
static_assert(std::size(kMistakeRows) == std::size(nn::kMistakes), "one row per mistake");

const MistakeRow& mistake_row(nn::Mistake mistake);

// The lines of the loss lab's program that the mistake changes (Python; pytorch_code.h writes the
// whole program), one per line.
std::string wrong_lines(nn::Mistake mistake, const LossLab& lab);

// What PyTorch does: "PyTorch returns 1.2729" (a list for reduction 'none'), or its exception line.
std::string pytorch_answer(const nn::MistakeOutcome& outcome, Language language);

// What happened and why, with the lab's numbers (the right loss, the floor, the weights' sums, ...).
std::string mistake_story(nn::Mistake mistake, const LossLab& lab, const nn::MistakeOutcome& outcome,
                          Language language);

// Said once, under labels_from_one: what the reference article got wrong.
inline constexpr Text kArticleNote = Text::mistakes_labels_from_one_article;

// A loss as the cards show it: four decimals, "nan", a list "[1.2729, 0.3133]" for 'none'.
std::string loss_text(const std::vector<double>& values, nn::Reduction reduction);

}  // namespace celab::app
