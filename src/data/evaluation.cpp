#include "data/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "nn/calibration.h"
#include "nn/eigen_types.h"

namespace celab::data {

void Evaluation::add(int label, int predicted) {
  ++total;
  if (predicted < 0) return;  // "no digit": wrong, and outside the matrix
  ++confusion[static_cast<size_t>(label)][static_cast<size_t>(predicted)];
  if (label == predicted) ++correct;
}

nn::RowMatrix<float> logits_of(nn::Model& model, const data::MnistSplit& split, int batch_size) {
  const Eigen::Index n = static_cast<Eigen::Index>(split.size());
  nn::RowMatrix<float> logits(n, nn::kClasses), x(batch_size, data::kInputPixels);
  for (Eigen::Index start = 0; start < n; start += batch_size) {
    const Eigen::Index rows = std::min<Eigen::Index>(batch_size, n - start);
    for (Eigen::Index r = 0; r < rows; ++r)
      split.image_as_float(static_cast<size_t>(start + r), {x.row(r).data(), static_cast<size_t>(x.cols())});
    logits.middleRows(start, rows) = model.forward(x.topRows(rows), nn::Mode::Eval);
  }
  return logits;
}

std::vector<int64_t> labels_of(const data::MnistSplit& split) { return {split.labels.begin(), split.labels.end()}; }

Evaluation evaluation_of(nn::ConstMatrixRef<float> logits, std::span<const int64_t> labels) {
  Evaluation e;
  // In double, as the calibration figures: `celab eval` and `celab calibrate` print the same NLL.
  // First, as it also rejects a label outside [0, C) (naming it) before the matrix is indexed by it.
  if (logits.rows() > 0) e.mean_loss = nn::mean_nll(logits.cast<double>(), labels);
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    Eigen::Index predicted;
    logits.row(r).maxCoeff(&predicted);
    e.add(static_cast<int>(labels[static_cast<size_t>(r)]), static_cast<int>(predicted));
  }
  return e;
}

Evaluation evaluate(nn::Model& model, const data::MnistSplit& split, int batch_size) {
  const std::vector<int64_t> labels = labels_of(split);
  return evaluation_of(logits_of(model, split, batch_size), labels);
}

std::string format_confusion(const Evaluation& e) {
  std::string out = "confusion matrix (rows: true label, columns: predicted)\n      ";
  char cell[32];
  for (int p = 0; p < nn::kClasses; ++p) {
    std::snprintf(cell, sizeof cell, "%6d", p);
    out += cell;
  }
  out += "   recall\n";
  for (int t = 0; t < nn::kClasses; ++t) {
    std::snprintf(cell, sizeof cell, "%4d: ", t);
    out += cell;
    int64_t row_total = 0;
    for (int p = 0; p < nn::kClasses; ++p) {
      std::snprintf(cell, sizeof cell, "%6lld", static_cast<long long>(e.confusion[t][p]));
      out += cell;
      row_total += e.confusion[t][p];
    }
    std::snprintf(cell, sizeof cell, "   %.4f\n",
                  row_total ? static_cast<double>(e.confusion[t][t]) / static_cast<double>(row_total) : 0.0);
    out += cell;
  }
  return out;
}

std::string format_accuracy(const Evaluation& e) {
  char line[96];
  std::snprintf(line, sizeof line, "accuracy: %.4f (%lld/%lld)", e.accuracy(), static_cast<long long>(e.correct),
                static_cast<long long>(e.total));
  return line;
}

}  // namespace celab::data
