#include "data/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "nn/cross_entropy.h"
#include "nn/eigen_types.h"

namespace celab::data {

void Evaluation::add(int label, int predicted) {
  ++total;
  if (predicted < 0) return;  // "no digit": wrong, and outside the matrix
  ++confusion[static_cast<size_t>(label)][static_cast<size_t>(predicted)];
  if (label == predicted) ++correct;
}

Evaluation evaluate(nn::Model& model, const data::MnistSplit& split, int batch_size) {
  Evaluation e;
  const size_t n = split.size();
  nn::RowMatrix<float> x(batch_size, data::kInputPixels), grad(batch_size, nn::kClasses);
  std::vector<int64_t> targets(static_cast<size_t>(batch_size));
  double loss_sum = 0;
  for (size_t start = 0; start < n; start += static_cast<size_t>(batch_size)) {
    const int rows = static_cast<int>(std::min<size_t>(static_cast<size_t>(batch_size), n - start));
    for (int r = 0; r < rows; ++r) {
      split.image_as_float(start + static_cast<size_t>(r), {x.row(r).data(), static_cast<size_t>(x.cols())});
      targets[static_cast<size_t>(r)] = split.labels[start + static_cast<size_t>(r)];
    }
    const auto logits = model.forward(x.topRows(rows), nn::Mode::Eval);
    nn::CrossEntropyOptions<float> sum;
    sum.reduction = nn::Reduction::Sum;
    loss_sum +=
        nn::cross_entropy_rows<float>(logits, {targets.data(), static_cast<size_t>(rows)}, sum, grad.topRows(rows));
    for (int r = 0; r < rows; ++r) {
      Eigen::Index predicted;
      logits.row(r).maxCoeff(&predicted);
      e.add(static_cast<int>(targets[static_cast<size_t>(r)]), static_cast<int>(predicted));
    }
  }
  e.mean_loss = n ? loss_sum / static_cast<double>(n) : 0.0;
  return e;
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
