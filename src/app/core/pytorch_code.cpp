#include "app/core/pytorch_code.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "nn/error_text.h"

namespace celab::app {
namespace {

std::string with_point(std::string s) {
  if (s.find_first_of(".en") == std::string::npos) s += ".0";  // 1 -> 1.0: a Python float, not an int
  return s;
}

std::string comment(const std::string& line) { return "# " + line + "\n"; }
std::string comment(Text key, Language language) { return comment(text(key, language)); }

std::string header(Text title, Language language) {
  return comment(title, language) + "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n";
}

// nn.CrossEntropyLoss(...) with the weight tensor in float64 (`float64`) or torch's default float32.
std::string criterion(const nn::CrossEntropyOptions<double>& options, bool float64) {
  return nn::criterion_text(
      options, nn::CriterionSpelling{python_float, "torch.tensor([", float64 ? "], dtype=torch.float64)" : "])"});
}

// "[a, b, c]", a new line (indented by `indent`) after every `per_line` values, so that the code box
// stays narrow on a phone.
template <typename Value, typename Spell>
std::string list(const Value* values, size_t count, Spell spell, size_t per_line = 0, const char* indent = "") {
  std::string s = "[";
  for (size_t i = 0; i < count; ++i) {
    if (i) s += per_line && i % per_line == 0 ? std::string(",\n") + indent : std::string(", ");
    s += spell(values[i]);
  }
  return s + "]";
}

constexpr size_t kNumbersPerLine = 5;

std::string index_text(int64_t v) { return std::to_string(v); }

}  // namespace

std::string python_float(double value) {
  if (std::isnan(value)) return "float('nan')";
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  return with_point(nn::number_text(value));
}

std::string python_float32(float value) {
  if (!std::isfinite(value)) return python_float(value);
  char buffer[32];
  // Python reads the text as a double, torch rounds that to float32: check the same two steps.
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(value));
    if (static_cast<float>(std::strtod(buffer, nullptr)) == value) break;
  }
  return with_point(buffer);
}

LabCallLines lab_call_lines(const LossLab& lab, std::optional<nn::Mistake> mistake) {
  LabCallLines lines;
  const int64_t target[] = {lab.target()};
  const nn::CrossEntropyOptions<double> options =
      mistake ? nn::mistaken_options(*mistake, lab.num_classes(), target, lab.options()) : lab.options();
  lines.criterion = "loss_fn = " + criterion(options, true);
  lines.call = "loss = loss_fn(logits, target)";
  if (!mistake) return lines;
  const std::string classes = std::to_string(lab.num_classes());
  switch (*mistake) {
    case nn::Mistake::SoftmaxAsLogits: lines.call = "loss = loss_fn(logits.softmax(dim=1), target)"; break;
    case nn::Mistake::LogSoftmaxFirst: lines.call = "loss = loss_fn(logits.log_softmax(dim=1), target)"; break;
    case nn::Mistake::LabelsFromOne: lines.target_change = "target = target + 1"; break;
    case nn::Mistake::OneHotFloat:
      lines.target_change = "target = F.one_hot(target, num_classes=" + classes + ").float()";
      break;
    case nn::Mistake::OneHotLong:
      lines.target_change = "target = F.one_hot(target, num_classes=" + classes + ")";
      break;
    case nn::Mistake::IndexColumn: lines.target_change = "target = target.view(-1, 1)"; break;
    case nn::Mistake::FloatIndices: lines.target_change = "target = target.float()"; break;
    case nn::Mistake::AllIgnored:
      lines.target_change = "target[:] = " + std::to_string(lab.options().ignore_index);
      break;
    case nn::Mistake::WeightedMean:
    case nn::Mistake::IgnoreRealClass: break;  // the criterion's options
  }
  return lines;
}

std::string loss_lab_program(const LossLab& lab, Language language) {
  const std::optional<nn::Mistake> mistake = lab.mistake();
  const LabCallLines right = lab_call_lines(lab, std::nullopt);
  const LabCallLines lines = lab_call_lines(lab, mistake);
  const std::string mistake_comment =
      mistake ? comment(text_with(Text::code_comment_mistake, language, {nn::mistake_name(*mistake)})) : "";
  // Marks the program's lines the mistake changed, and where PyTorch raises.
  const auto line = [&](const std::string& code, const std::string& right_code, bool raises_here) {
    std::string out = code != right_code ? mistake_comment : "";
    if (raises_here) out += comment(text_with(Text::code_comment_raises, language, {lab.mistake_outcome()->error}));
    return out + code + "\n";
  };
  const bool raises = mistake && lab.mistake_outcome()->raised();

  std::string p = header(Text::code_comment_lab, language);
  p += comment(text_with(Text::code_comment_lab_logits, language, {std::to_string(lab.num_classes())}));
  p += "logits = torch.tensor([" +
       list(lab.logits().data(), lab.logits().size(), python_float, kNumbersPerLine, "                       ") +
       "], dtype=torch.float64)\n";
  p += comment(Text::code_comment_target, language);
  p += "target = torch.tensor([" + std::to_string(lab.target()) + "])\n";
  if (!lines.target_change.empty()) p += line(lines.target_change, right.target_change, false);
  p += comment(Text::code_comment_criterion, language);
  p += line(lines.criterion, right.criterion, false);
  p += line(lines.call, right.call, raises);
  p += "print(\"loss:\", loss.tolist())\n";
  return p;
}

std::string drawing_program(const Prediction& prediction, const nn::CrossEntropyOptions<double>& options,
                            Language language) {
  std::string p = header(Text::code_comment_drawing, language);
  p += comment(Text::code_comment_model_logits, language);
  p += "logits = torch.tensor([" +
       list(prediction.logits.data(), prediction.logits.size(), python_float32, kNumbersPerLine,
            "                       ") +
       "], requires_grad=True)\n";
  p += comment(Text::code_comment_target, language);
  p += "target = torch.tensor([" + std::to_string(prediction.target) + "])\n";
  p += comment(Text::code_comment_criterion, language);
  p += "loss_fn = " + criterion(options, false) + "\n";
  p += "loss = loss_fn(logits, target)\n";
  p += comment(Text::code_comment_backward, language);
  p += "loss.sum().backward()\n";
  p += "print(\"softmax:\", logits.detach().softmax(dim=1)[0].tolist())\n";
  p += "print(\"dL/dlogits:\", logits.grad[0].tolist())\n";
  p += "print(\"loss:\", loss.tolist())\n";
  return p;
}

std::string batch_program(const BatchView& batch, Language language) {
  const nn::RowMatrix<double>& x = batch.logits();
  std::string p = header(Text::code_comment_batch, language);
  p += comment(text_with(Text::code_comment_batch_logits, language, {std::to_string(x.rows())}));
  p += "logits = torch.tensor([\n";
  std::vector<float> row(static_cast<size_t>(x.cols()));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index c = 0; c < x.cols(); ++c) row[static_cast<size_t>(c)] = static_cast<float>(x(i, c));  // exact
    p += "    " + list(row.data(), row.size(), python_float32, kNumbersPerLine, "     ") + ",\n";
  }
  p += "]).double()\n";
  p += comment(Text::code_comment_batch_targets, language);
  const std::vector<int64_t> targets = batch.targets();
  p +=
      "target = torch.tensor(" + list(targets.data(), targets.size(), index_text, 16, "                      ") + ")\n";
  p += comment(Text::code_comment_reductions, language);
  nn::CrossEntropyOptions<double> options = batch.options();
  const std::pair<nn::Reduction, const char*> results[] = {
      {nn::Reduction::None, "per_sample"}, {nn::Reduction::Sum, "total"}, {nn::Reduction::Mean, "loss"}};
  for (const auto& [reduction, name] : results) {
    options.reduction = reduction;
    p += std::string(name) + " = " + criterion(options, true) + "(logits, target)\n";
  }
  p += "print(\"none:\", per_sample.tolist())\n";
  p += "print(\"sum:\", total.tolist())\n";
  p += "print(\"loss:\", loss.tolist())\n";
  return p;
}

const char* code_card_name(CodeCard card) {
  switch (card) {
    case CodeCard::Drawing: return "drawing";
    case CodeCard::LossLab: return "lossLab";
    case CodeCard::Batch: return "batch";
  }
  return "?";
}

CardProgram card_program(const AppState& state, CodeCard card, Language language) {
  switch (card) {
    case CodeCard::LossLab: return {loss_lab_program(state.loss_lab(), language), {}};
    case CodeCard::Drawing: {
      const PredictionPipeline* pipeline = state.pipeline();
      if (!pipeline || !pipeline->prediction().has_digit) return {{}, text(Text::code_error_no_digit, language)};
      return {drawing_program(pipeline->prediction(), state.loss_options(), language), {}};
    }
    case CodeCard::Batch:
      if (!state.batch().ready()) return {{}, text(Text::code_error_no_batch, language)};
      return {batch_program(state.batch(), language), {}};
  }
  return {};
}

CardProgram card_program(const AppState& state, const std::string& card_name, Language language) {
  std::string names;
  for (CodeCard card : kCodeCards) {
    if (card_name == code_card_name(card)) return card_program(state, card, language);
    names += (names.empty() ? "'" : ", '") + std::string(code_card_name(card)) + "'";
  }
  return {{}, text_with(Text::code_error_card, language, {nn::printable_text(card_name), names})};
}

}  // namespace celab::app
