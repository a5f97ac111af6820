#include "nn/training_step.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "nn/architecture.h"

namespace celab::nn {

TrainingStep::TrainingStep(Model& model, const OptimizerOptions& optimizer, Criterion criterion,
                           CrossEntropyOptions<float> loss_options)
    : model_(model),
      optimizer_(model.parameters(), optimizer),
      criterion_(criterion),
      loss_options_(std::move(loss_options)) {}

StepResult TrainingStep::run(const Eigen::Ref<const RowMatrix<float>>& x, std::span<const int64_t> targets) {
  const auto rows = static_cast<int>(x.rows());
  if (targets.size() != static_cast<size_t>(rows))
    throw std::invalid_argument("training step: " + std::to_string(rows) + " images but " +
                                std::to_string(targets.size()) + " targets");
  if (grad_logits_.rows() < rows) grad_logits_.resize(rows, kClasses);

  model_.zero_grad();
  const auto logits = model_.forward(x, Mode::Train);
  StepResult result;
  result.rows = rows;
  result.loss = criterion_rows<float>(criterion_, logits, targets, loss_options_, grad_logits_.topRows(rows));
  for (int r = 0; r < rows; ++r) {
    Eigen::Index predicted;
    logits.row(r).maxCoeff(&predicted);
    result.correct += predicted == targets[static_cast<size_t>(r)];
  }
  model_.backward(grad_logits_.topRows(rows), {.param_grads = true, .input_grad = false});
  optimizer_.step();
  return result;
}

}  // namespace celab::nn
