// celab loss: the reference article's three computations of one cross-entropy value.
//   celab loss --logits=-0.5,-0.2,-0.3 --target=0
//   nn.CrossEntropyLoss       1.2729
//   -x[y] + log(sum(exp(x)))  1.2729
//   LogSoftmax + NLLLoss      1.2729
// The three computations are the library's nn::loss_breakdown (see nn/loss_breakdown.h); this file
// parses the arguments and prints the breakdown. With weights, label smoothing or probability
// targets the formula's label is the formula that applies. --mistake=NAME runs a common mistake's
// program instead (nn/loss_mistakes.h) and prints what PyTorch does: its exception line, or the
// mistaken call's three computations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/number_lists.h"
#include "cli/strict_numbers.h"
#include "nn/error_text.h"
#include "nn/loss_breakdown.h"
#include "nn/loss_mistakes.h"

namespace celab::cli {
namespace {

using nn::RowMatrix;

// The command line: the question's numbers as typed, and the options (weight and reduction are
// parsed from their text, the others bound directly).
struct LossArgs {
  std::string logits, target, probs, weight, mistake,
      reduction = nn::reduction_name(nn::CrossEntropyOptions<double>{}.reduction);
  nn::CrossEntropyOptions<double> options;
  bool json = false;
};

// The question in PyTorch's terms: (N, C) logits with index or probability targets.
struct Problem {
  RowMatrix<double> logits;
  std::vector<int64_t> target;  // index targets; empty when probs are given
  RowMatrix<double> probs;      // probability targets (N, C); 0x0 when target is given
  nn::CrossEntropyOptions<double> options;
  bool with_probs() const { return probs.size() > 0; }
};

RowMatrix<double> to_matrix(const std::vector<std::vector<double>>& rows) {
  RowMatrix<double> m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return m;
}

std::string dims(const RowMatrix<double>& m) { return std::to_string(m.rows()) + "x" + std::to_string(m.cols()); }

Problem problem_of(const LossArgs& args) {
  Problem p;
  p.logits = to_matrix(parse_rows(args.logits, "--logits"));
  if (args.target.empty() == args.probs.empty()) throw CliInputError("give either --target or --probs (not both)");
  if (!args.target.empty()) {
    p.target = parse_integers(args.target, "--target");
    if (static_cast<Eigen::Index>(p.target.size()) != p.logits.rows())
      throw CliInputError("--target has " + nn::count_text(p.target.size(), "value") + " but --logits has " +
                          nn::count_text(static_cast<size_t>(p.logits.rows()), "row"));
  } else {
    p.probs = to_matrix(parse_rows(args.probs, "--probs"));
    if (p.probs.rows() != p.logits.rows() || p.probs.cols() != p.logits.cols())
      throw CliInputError("--probs is " + dims(p.probs) + " but --logits is " + dims(p.logits) + "; they must match");
  }
  p.options = args.options;
  if (!args.weight.empty()) p.options.weight = parse_numbers(args.weight, "--weight");
  p.options.reduction = nn::parse_reduction(args.reduction);
  return p;
}

// One line of output: what was computed, and its value(s) (one per row for reduction none).
struct Line {
  std::string label;
  std::vector<double> values;
};

std::string formula_label(const Problem& p) {
  const double eps = p.options.label_smoothing;
  const std::string w_y = p.options.weighted() ? "w[y]*" : "";
  const std::string w_c = p.options.weighted() ? "w[c]*" : "";
  std::string term;
  if (p.with_probs())
    term = "sum_c " + w_c + "q[c]*(-x[c] + lse)" + (eps > 0 ? ", q = (1-eps)*p + eps/C" : ", q = p");
  else if (eps > 0)
    term = "(1-eps)*" + w_y + "(-x[y] + lse) + eps/C*sum_c " + w_c + "(-x[c] + lse)";
  else if (p.options.weighted())
    term = "w[y]*(-x[y] + lse)";
  else
    term = "-x[y] + log(sum(exp(x)))";
  const bool some_ignored = std::find(p.target.begin(), p.target.end(), p.options.ignore_index) != p.target.end();
  std::string label;
  switch (p.options.reduction) {
    case nn::Reduction::None: label = "per row: " + term; break;
    case nn::Reduction::Sum: label = p.logits.rows() == 1 ? term : "sum of " + term; break;
    case nn::Reduction::Mean:
      if (p.options.weighted() && !p.with_probs())
        label = "sum of " + term + " / sum of w[y]";
      else
        label = p.logits.rows() == 1 ? term : "mean of " + term;
  }
  if (some_ignored) label += " (ignored rows left out)";
  if (term.find("lse") != std::string::npos) label += "; lse = log(sum(exp(x)))";
  return label;
}

std::string blocks_label(const Problem& p) {
  const bool smoothing = p.options.label_smoothing > 0;
  if (p.with_probs())
    return smoothing ? "LogSoftmax + soft-target NLL, smoothed target" : "LogSoftmax + soft-target NLL";
  return smoothing ? "LogSoftmax + (1-eps)*NLLLoss + eps/C*smoothing term" : "LogSoftmax + NLLLoss";
}

// The breakdown's three computations as the lines `celab loss` prints.
std::vector<Line> lines_of(const Problem& p, const nn::LossBreakdown& b) {
  return {{"nn.CrossEntropyLoss", b.library}, {formula_label(p), b.formula}, {blocks_label(p), b.log_softmax_nll}};
}

nlohmann::json json_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

nlohmann::json json_values(const std::vector<double>& values, bool as_list) {
  if (!as_list) return json_number(values.at(0));
  auto list = nlohmann::json::array();
  for (const double v : values) list.push_back(json_number(v));
  return list;
}

nlohmann::json json_rows(const RowMatrix<double>& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    std::vector<double> row(m.row(i).begin(), m.row(i).end());
    rows.push_back(json_values(row, true));
  }
  return rows;
}

void print_json(const Problem& p, const nn::LossBreakdown& b, const std::string& mistake = "") {
  const bool per_row = p.options.reduction == nn::Reduction::None;
  nlohmann::json out = {
      {"reduction", nn::reduction_name(p.options.reduction)},
      {"loss", json_values(b.library, per_row)},
      {"formula", json_values(b.formula, per_row)},
      {"formula_text", formula_label(p)},
      {"log_softmax_nll", json_values(b.log_softmax_nll, per_row)},
      {"row_losses", json_values(b.library_rows, true)},
      {"probabilities", json_rows(b.probabilities)},
      {"grad_logits", json_rows(b.grad_logits)},
  };
  if (!mistake.empty()) out["mistake"] = mistake;
  std::printf("%s\n", out.dump(1).c_str());
}

void print_lines(const std::vector<Line>& lines) {
  size_t width = 0;
  for (const Line& line : lines) width = std::max(width, line.label.size());
  for (const Line& line : lines) {
    std::printf("%-*s ", static_cast<int>(width + 1), line.label.c_str());
    for (size_t i = 0; i < line.values.size(); ++i) {
      const double v = line.values[i];
      if (std::isnan(v))  // printf would write "-nan" for some NaNs
        std::printf("%snan", i ? " " : "");
      else
        std::printf("%s%.4f", i ? " " : "", v);
    }
    std::printf("\n");
  }
}

// --mistake: what PyTorch does with the mistaken program (nn/loss_mistakes.h) on the question: its
// exception line, or the mistaken call's three computations.
int run_mistake(const LossArgs& args, const Problem& question) {
  const nn::Mistake mistake = nn::parse_mistake(args.mistake);
  if (question.with_probs()) throw CliInputError("--mistake needs class indices (--target), not --probs");
  const nn::MistakeOutcome outcome = nn::evaluate_mistake(mistake, question.logits, question.target, question.options);
  if (outcome.raised()) {
    if (args.json)
      std::printf("%s\n", nlohmann::json{{"mistake", args.mistake}, {"error", outcome.error}}.dump(1).c_str());
    else
      std::printf("mistake: %s\nPyTorch raises %s\n", args.mistake.c_str(), outcome.error.c_str());
    return kExitOk;
  }
  const nn::MistakenCall& call = *outcome.call;
  Problem p;
  p.logits = call.input;
  p.target = call.target;
  p.probs = call.probabilities;
  p.options = call.options;
  if (args.json) {
    print_json(p, *outcome.breakdown, args.mistake);
  } else {
    std::printf("mistake: %s\n", args.mistake.c_str());
    print_lines(lines_of(p, *outcome.breakdown));
  }
  return kExitOk;
}

int run_loss(const LossArgs& args) {
  const Problem p = problem_of(args);
  if (!args.mistake.empty()) return run_mistake(args, p);
  const nn::LossBreakdown breakdown = p.with_probs() ? nn::loss_breakdown(p.logits, p.probs, p.options)
                                                     : nn::loss_breakdown(p.logits, p.target, p.options);
  if (args.json)
    print_json(p, breakdown);
  else
    print_lines(lines_of(p, breakdown));
  return kExitOk;
}

}  // namespace

void register_loss(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LossArgs>();
  CLI::App* cmd = app.add_subcommand(
      "loss", "Cross-entropy of logits against a target, computed three ways (PyTorch nn.CrossEntropyLoss semantics)");
  cmd->add_option("--logits", args->logits, "Logits: comma-separated, rows separated by ';' (use --logits=-0.5,...)")
      ->required();
  cmd->add_option("--target", args->target, "Class index per row, comma-separated (or --probs)");
  cmd->add_option("--probs", args->probs, "Probability target rows, same shape as --logits (or --target)");
  cmd->add_option("--weight", args->weight, "Per-class weights, comma-separated");
  cmd->add_option("--label-smoothing", args->options.label_smoothing, "Label smoothing in [0, 1]");
  cmd->add_option("--reduction", args->reduction, "none, mean or sum")->capture_default_str();
  cmd->add_option("--ignore-index", args->options.ignore_index, "Target value that is ignored")
      ->transform(strict_integer())
      ->capture_default_str();
  std::string mistakes;
  for (nn::Mistake m : nn::kMistakes) mistakes += (mistakes.empty() ? "" : ", ") + std::string(nn::mistake_name(m));
  cmd->add_option("--mistake", args->mistake,
                  "What PyTorch does with a common mistake on this question (" + mistakes + ")");
  cmd->add_flag("--json", args->json, "Machine-readable output at full precision");
  cmd->callback([args, &exit_code] { exit_code = run_loss(*args); });
}

}  // namespace celab::cli
