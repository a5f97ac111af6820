// celab loss: the reference article's three computations of one cross-entropy value.
//   celab loss --logits=-0.5,-0.2,-0.3 --target=0
//   nn.CrossEntropyLoss       1.2729
//   -x[y] + log(sum(exp(x)))  1.2729
//   LogSoftmax + NLLLoss      1.2729
// 1. the library's nn::cross_entropy_rows (what nn.CrossEntropyLoss computes);
// 2. the formula, written out here in plain loops, independent of the library; with weights,
//    label smoothing or probability targets the printed label is the formula that applies;
// 3. the building blocks called one after the other: log_softmax, then nll_loss (+ the label
//    smoothing term) or the soft-target loss.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/number_lists.h"
#include "cli/strict_numbers.h"
#include "nn/cross_entropy.h"
#include "nn/error_text.h"
#include "nn/label_smoothing.h"
#include "nn/nll_loss.h"
#include "nn/soft_target_loss.h"
#include "nn/softmax.h"

namespace celab::cli {
namespace {

using nn::RowMatrix;

struct LossArgs {
  std::string logits, target, probs, weight, reduction = "mean";
  double label_smoothing = 0.0;
  int64_t ignore_index = -100;
  bool json = false;
};

// The question in PyTorch's terms: (N, C) logits with index or probability targets.
struct Problem {
  RowMatrix<double> logits;
  std::vector<int64_t> target;  // index targets; empty when probs are given
  RowMatrix<double> probs;      // probability targets (N, C); 0x0 when target is given
  nn::CrossEntropyOptions<double> options;
  bool with_probs() const { return probs.size() > 0; }
  bool weighted() const { return !options.weight.empty(); }
  double eps() const { return options.label_smoothing; }
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
  if (!args.weight.empty()) p.options.weight = parse_numbers(args.weight, "--weight");
  p.options.ignore_index = args.ignore_index;
  p.options.reduction = nn::parse_reduction(args.reduction);
  p.options.label_smoothing = args.label_smoothing;
  return p;
}

// One line of output: what was computed, and its value(s) (one per row for reduction none).
struct Line {
  std::string label;
  std::vector<double> values;
};

// The reduced values of per-row losses: all of them (none), their sum, or sum / divisor (mean).
std::vector<double> reduce(const std::vector<double>& rows, nn::Reduction reduction, double mean_divisor) {
  if (reduction == nn::Reduction::None) return rows;
  double sum = 0;
  for (const double v : rows) sum += v;
  return {reduction == nn::Reduction::Mean ? sum / mean_divisor : sum};
}

// Line 1, with the gradient and per-row losses for --json.
struct LibraryResult {
  Line line;
  RowMatrix<double> grad;
  std::vector<double> row_losses;
};

LibraryResult library_loss(const Problem& p) {
  LibraryResult r{{"nn.CrossEntropyLoss", {}},
                  RowMatrix<double>(p.logits.rows(), p.logits.cols()),
                  std::vector<double>(static_cast<size_t>(p.logits.rows()))};
  const double loss = p.with_probs()
                          ? nn::cross_entropy_rows<double>(p.logits, p.probs, p.options, r.grad, r.row_losses)
                          : nn::cross_entropy_rows<double>(p.logits, p.target, p.options, r.grad, r.row_losses);
  r.line.values = p.options.reduction == nn::Reduction::None ? r.row_losses : std::vector<double>{loss};
  return r;
}

std::string formula_label(const Problem& p) {
  const std::string w_y = p.weighted() ? "w[y]*" : "";
  const std::string w_c = p.weighted() ? "w[c]*" : "";
  std::string term;
  if (p.with_probs())
    term = "sum_c " + w_c + "q[c]*(-x[c] + lse)" + (p.eps() > 0 ? ", q = (1-eps)*p + eps/C" : ", q = p");
  else if (p.eps() > 0)
    term = "(1-eps)*" + w_y + "(-x[y] + lse) + eps/C*sum_c " + w_c + "(-x[c] + lse)";
  else if (p.weighted())
    term = "w[y]*(-x[y] + lse)";
  else
    term = "-x[y] + log(sum(exp(x)))";
  const bool some_ignored = std::find(p.target.begin(), p.target.end(), p.options.ignore_index) != p.target.end();
  std::string label;
  switch (p.options.reduction) {
    case nn::Reduction::None:
      label = "per row: " + term;
      break;
    case nn::Reduction::Sum:
      label = p.logits.rows() == 1 ? term : "sum of " + term;
      break;
    case nn::Reduction::Mean:
      if (p.weighted() && !p.with_probs())
        label = "sum of " + term + " / sum of w[y]";
      else
        label = p.logits.rows() == 1 ? term : "mean of " + term;
  }
  if (some_ignored) label += " (ignored rows left out)";
  if (term.find("lse") != std::string::npos) label += "; lse = log(sum(exp(x)))";
  return label;
}

// Line 2: the formula in plain loops, with the stable log-sum-exp m + log(sum(exp(x - m))).
Line formula_loss(const Problem& p) {
  const auto classes = static_cast<size_t>(p.logits.cols());
  const double eps = p.eps();
  const auto weight = [&](size_t c) { return p.weighted() ? p.options.weight[c] : 1.0; };
  std::vector<double> rows;
  double mean_divisor = 0;
  for (Eigen::Index i = 0; i < p.logits.rows(); ++i) {
    std::vector<double> x(classes);
    for (size_t c = 0; c < classes; ++c) x[c] = p.logits(i, static_cast<Eigen::Index>(c));
    const double m = *std::max_element(x.begin(), x.end());
    double sum_exp = 0;
    for (const double v : x) sum_exp += std::exp(v - m);
    const double lse = m + std::log(sum_exp);
    double loss = 0;
    if (p.with_probs()) {
      for (size_t c = 0; c < classes; ++c) {
        const double q = eps > 0 ? p.probs(i, static_cast<Eigen::Index>(c)) * (1 - eps) + eps / double(classes)
                                 : p.probs(i, static_cast<Eigen::Index>(c));
        loss += weight(c) * q * (-x[c] + lse);
      }
      mean_divisor += 1;
    } else if (p.target[static_cast<size_t>(i)] != p.options.ignore_index) {
      const auto y = static_cast<size_t>(p.target[static_cast<size_t>(i)]);
      double spread = 0;
      for (size_t c = 0; c < classes; ++c) spread += weight(c) * (-x[c] + lse);
      loss = (1 - eps) * weight(y) * (-x[y] + lse) + eps / double(classes) * spread;
      mean_divisor += weight(y);
    }
    rows.push_back(loss);
  }
  return {formula_label(p), reduce(rows, p.options.reduction, mean_divisor)};
}

// Line 3: the building blocks one after the other.
Line blocks_loss(const Problem& p) {
  RowMatrix<double> log_probs(p.logits.rows(), p.logits.cols());
  nn::log_softmax<double>(p.logits, log_probs);
  std::vector<double> rows(static_cast<size_t>(p.logits.rows()));
  const double eps = p.eps();
  if (p.with_probs()) {
    RowMatrix<double> q = p.probs;
    if (eps > 0) nn::smooth_probabilities<double>(p.probs, eps, q);
    nn::soft_target_loss_rows<double>(log_probs, q, p.options.weight, rows);
    return {eps > 0 ? "LogSoftmax + soft-target NLL, smoothed target" : "LogSoftmax + soft-target NLL",
            reduce(rows, p.options.reduction, static_cast<double>(p.logits.rows()))};
  }
  const nn::ClassTargets<double> targets{p.target, p.options.weight, p.options.ignore_index};
  nn::nll_loss_rows<double>(log_probs, targets, rows);
  if (eps > 0) {
    std::vector<double> smooth(rows.size());
    nn::smoothing_loss_rows<double>(log_probs, targets, smooth);
    for (size_t i = 0; i < rows.size(); ++i)
      rows[i] = (1 - eps) * rows[i] + eps / static_cast<double>(p.logits.cols()) * smooth[i];
  }
  return {eps > 0 ? "LogSoftmax + (1-eps)*NLLLoss + eps/C*smoothing term" : "LogSoftmax + NLLLoss",
          reduce(rows, p.options.reduction, nn::nll_total_weight(targets))};
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

void print_json(const Problem& p, const LibraryResult& library, const Line& formula, const Line& blocks) {
  const bool per_row = p.options.reduction == nn::Reduction::None;
  RowMatrix<double> probabilities(p.logits.rows(), p.logits.cols());
  nn::softmax<double>(p.logits, probabilities);
  const nlohmann::json out = {
      {"reduction", nn::reduction_name(p.options.reduction)},
      {"loss", json_values(library.line.values, per_row)},
      {"formula", json_values(formula.values, per_row)},
      {"formula_text", formula.label},
      {"log_softmax_nll", json_values(blocks.values, per_row)},
      {"row_losses", json_values(library.row_losses, true)},
      {"probabilities", json_rows(probabilities)},
      {"grad_logits", json_rows(library.grad)},
  };
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

int run_loss(const LossArgs& args) {
  const Problem problem = problem_of(args);
  const LibraryResult library = library_loss(problem);  // validates targets, weights, smoothing
  const Line formula = formula_loss(problem);
  const Line blocks = blocks_loss(problem);
  if (args.json)
    print_json(problem, library, formula, blocks);
  else
    print_lines({library.line, formula, blocks});
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
  cmd->add_option("--label-smoothing", args->label_smoothing, "Label smoothing in [0, 1]");
  cmd->add_option("--reduction", args->reduction, "none, mean or sum")->capture_default_str();
  cmd->add_option("--ignore-index", args->ignore_index, "Target value that is ignored")
      ->transform(strict_integer())
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Machine-readable output at full precision");
  cmd->callback([args, &exit_code] { exit_code = run_loss(*args); });
}

}  // namespace celab::cli
