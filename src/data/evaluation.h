// Accuracy and confusion matrix of a model on labelled 28x28 inputs (the MNIST test set, or
// preprocessed drawings).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "data/idx.h"
#include "data/model_input.h"
#include "nn/architecture.h"
#include "nn/eigen_types.h"
#include "nn/model.h"

namespace celab::data {

struct Evaluation {
  std::array<std::array<int64_t, nn::kClasses>, nn::kClasses> confusion{};  // [true label][predicted]
  int64_t correct = 0, total = 0;
  double mean_loss = 0;  // cross-entropy, mean over the images

  double accuracy() const { return total ? static_cast<double>(correct) / static_cast<double>(total) : 0.0; }
  void add(int label, int predicted);  // predicted -1: no digit
};

// The model's logits for every image of the split, (N, C): eval-mode forward in batches, no
// augmentation. What the calibration, confusion and hardest-digit figures are computed from.
nn::RowMatrix<float> logits_of(nn::Model& model, const data::MnistSplit& split, int batch_size = 500);
// The split's labels as class indices (N), as the loss functions take them.
std::vector<int64_t> labels_of(const data::MnistSplit& split);

// Accuracy, confusion matrix and mean cross-entropy of logits (N, C) against labels (N).
Evaluation evaluation_of(nn::ConstMatrixRef<float> logits, std::span<const int64_t> labels);
// evaluation_of(logits_of(model, split), labels_of(split)).
Evaluation evaluate(nn::Model& model, const data::MnistSplit& split, int batch_size = 500);

std::string format_confusion(const Evaluation& e);
// "accuracy: 0.9951 (9951/10000)"
std::string format_accuracy(const Evaluation& e);

}  // namespace celab::data
