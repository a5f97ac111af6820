// The loss lab and its mistakes through window.celab, as JSON: for browser tests and for pages that
// embed the lab. No browser here, so they are built and tested natively (state_report.h reports the
// rest of the page).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/core/loss_lab.h"
#include "app/core/page_text.h"

namespace celab::app {

// window.celab.mistakes(): [{id, on, message, loss}] for every mistake on the lab's current example:
// message is PyTorch's exception line (null where it returns a number), loss what it returns (null
// where it raises; a list for reduction 'none'; the string "nan" for NaN).
nlohmann::json mistakes_report(const LossLab& lab);

// A loss as Python's loss.tolist() has it: a number, or a list for 'none'; NaN as "nan".
nlohmann::json loss_report(const std::vector<double>& values, nn::Reduction reduction);

// window.celab.setLossLab({logits, target, weight, labelSmoothing, reduction, ignoreIndex}): fields
// not given keep their value; weight null means no class weights. Returns "" when applied, else the
// message for the first invalid field (in `language`), and the lab is unchanged.
std::string set_loss_lab(LossLab& lab, const nlohmann::json& fields, Language language);

// window.celab.setMistake(id, on): "" when applied, else the message naming the unknown id.
std::string set_mistake(LossLab& lab, const std::string& id, bool on, Language language);

}  // namespace celab::app
