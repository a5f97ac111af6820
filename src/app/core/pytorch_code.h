// "PyTorch code": each card that shows a loss as a complete Python 3 program that uses only torch,
// rebuilds the card's inputs exactly and prints what the card shows. Its last line of output is
// `loss: V`, V as Python prints loss.tolist(); a mistaken program raises where PyTorch raises.
// Comments in the page's language. No UI here.
//   loss lab  float64 logits (the lab computes in double), the lab's options, the mistake if one is on
//   drawing   the model's float32 logits, the page's options; prints softmax and dL/dlogits (autograd)
//   batch     the batch's float32 logits made float64 (as the batch view computes), its labels;
//             prints the per-sample losses and their sum, then the mean
#pragma once

#include <string>

#include "app/core/app_state.h"
#include "app/core/batch_view.h"
#include "app/core/loss_lab.h"
#include "app/core/page_text.h"
#include "app/core/prediction.h"

namespace celab::app {

std::string loss_lab_program(const LossLab& lab, Language language);
std::string drawing_program(const Prediction& prediction, const nn::CrossEntropyOptions<double>& options,
                            Language language);
// Needs batch.ready().
std::string batch_program(const BatchView& batch, Language language);

// The cards that have a "PyTorch code" button, by their window.celab.pytorchCode names.
enum class CodeCard { Drawing, LossLab, Batch };
inline constexpr CodeCard kCodeCards[] = {CodeCard::Drawing, CodeCard::LossLab, CodeCard::Batch};
const char* code_card_name(CodeCard card);  // "drawing" | "lossLab" | "batch"

// The card's program, or why there is none yet (no digit drawn, no batch shown; an unknown card
// name): exactly one of the two is non-empty.
struct CardProgram {
  std::string code, error;
};
CardProgram card_program(const AppState& state, CodeCard card, Language language);
CardProgram card_program(const AppState& state, const std::string& card_name, Language language);

// The program's lines that build the loss lab's call, with or without a mistake (mistake_table.h
// shows the ones a mistake changes).
struct LabCallLines {
  std::string target_change;  // e.g. "target = target + 1"; empty for none
  std::string criterion;      // "loss_fn = nn.CrossEntropyLoss(...)"
  std::string call;           // "loss = loss_fn(logits, target)"
};
LabCallLines lab_call_lines(const LossLab& lab, std::optional<nn::Mistake> mistake);

// Numbers as Python literals that read back exactly: a double ("0.1", "1.0", "float('nan')"), or a
// float32 with the fewest digits that torch.tensor(..., dtype=torch.float32) reads back as the same float.
std::string python_float(double value);
std::string python_float32(float value);

}  // namespace celab::app
