#include "app/core/mistake_table.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "app/core/pytorch_code.h"

namespace celab::app {
namespace {

using nn::Mistake;

std::string fixed4(double v) {
  if (std::isnan(v)) return "nan";
  char s[32];
  std::snprintf(s, sizeof s, "%.4f", v);
  return s;
}

std::string short_number(double v) {
  char s[32];
  std::snprintf(s, sizeof s, "%g", v);
  return s;
}

std::string int_text(int64_t v) { return std::to_string(v); }

// |g| / |g_right|: how much smaller the mistaken program's gradient is.
double gradient_ratio(const nn::RowMatrix<double>& mistaken, const nn::RowMatrix<double>& right) {
  return mistaken.norm() / right.norm();
}

}  // namespace

const MistakeRow& mistake_row(Mistake mistake) {
  for (const MistakeRow& row : kMistakeRows)
    if (row.mistake == mistake) return row;
  return kMistakeRows[0];  // unreachable: every mistake has a row (tested)
}

std::string wrong_lines(Mistake mistake, const LossLab& lab) {
  const LabCallLines right = lab_call_lines(lab, std::nullopt);
  const LabCallLines wrong = lab_call_lines(lab, mistake);
  std::string lines;
  const auto add = [&lines](const std::string& w, const std::string& r) {
    if (w != r) lines += (lines.empty() ? "" : "\n") + w;
  };
  add(wrong.target_change, right.target_change);
  add(wrong.criterion, right.criterion);
  add(wrong.call, right.call);
  return lines;
}

std::string loss_text(const std::vector<double>& values, nn::Reduction reduction) {
  if (reduction != nn::Reduction::None) return fixed4(values.at(0));
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + fixed4(values[i]);
  return s + "]";
}

std::string pytorch_answer(const nn::MistakeOutcome& outcome, Language language) {
  if (outcome.raised()) return std::string(text(Text::mistakes_raises, language)) + " " + outcome.error;
  return text_with(Text::mistakes_returns, language,
                   {loss_text(outcome.breakdown->library, outcome.breakdown->reduction)});
}

std::string mistake_story(Mistake mistake, const LossLab& lab, const nn::MistakeOutcome& outcome, Language language) {
  const nn::LossBreakdown& right = lab.result();
  const std::string right_loss = loss_text(right.library, right.reduction);
  const int64_t classes = lab.num_classes(), y = lab.target();
  switch (mistake) {
    case Mistake::SoftmaxAsLogits:
      return text_with(Text::mistakes_softmax_as_logits_why, language,
                       {int_text(classes), int_text(classes - 1), fixed4(nn::softmax_as_logits_floor(classes)),
                        right_loss, short_number(gradient_ratio(outcome.grad_logits, right.grad_logits))});
    case Mistake::LogSoftmaxFirst: return text_with(Text::mistakes_log_softmax_first_why, language, {right_loss});
    case Mistake::LabelsFromOne:
      if (outcome.raised())
        return text_with(Text::mistakes_labels_from_one_why_raised, language,
                         {int_text(y), int_text(y + 1), int_text(classes - 1)});
      return text_with(Text::mistakes_labels_from_one_why_silent, language,
                       {int_text(y + 1), int_text(y + 1), int_text(y), right_loss, int_text(classes)});
    case Mistake::OneHotFloat: return text_with(Text::mistakes_one_hot_float_why, language, {right_loss});
    case Mistake::OneHotLong: return text(Text::mistakes_one_hot_long_why, language);
    case Mistake::IndexColumn: return text(Text::mistakes_index_column_why, language);
    case Mistake::FloatIndices: return text(Text::mistakes_float_indices_why, language);
    case Mistake::AllIgnored:
      return text_with(Text::mistakes_all_ignored_why, language, {int_text(lab.options().ignore_index)});
    case Mistake::WeightedMean: {
      const nn::LossBreakdown& b = *outcome.breakdown;
      std::string weights = "[";
      for (size_t c = 0; c < outcome.call->options.weight.size(); ++c)
        weights += (c ? ", " : "") + short_number(outcome.call->options.weight[c]);
      weights += "]";
      const double n = static_cast<double>(b.rows());
      return text_with(Text::mistakes_weighted_mean_why, language,
                       {weights, fixed4(b.sum), fixed4(b.mean_divisor), fixed4(b.mean), fixed4(b.sum),
                        int_text(b.rows()), fixed4(b.sum / n)});
    }
    case Mistake::IgnoreRealClass: {
      const std::string p0 = fixed4(right.probabilities(0, nn::kIgnoredRealClass));
      if (y == nn::kIgnoredRealClass) return text_with(Text::mistakes_ignore_real_class_why_left, language, {p0});
      return text_with(Text::mistakes_ignore_real_class_why_kept, language, {int_text(y), p0});
    }
  }
  return {};
}

}  // namespace celab::app
