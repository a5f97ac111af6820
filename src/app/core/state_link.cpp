#include "app/core/state_link.h"

#include "app/core/loss_lab.h"

namespace celab::app {

static_assert(LossLab::kMaxClassWeight == data::kMaxSharedClassWeight, "a link holds the weights the sliders set");

data::SharedState shared_state_of(const AppState& state) {
  data::SharedState shared;
  shared.strokes = state.pad().shared_strokes();
  shared.target = state.target();
  shared.options = state.loss_options();
  shared.options.ignore_index = nn::kDefaultIgnoreIndex;  // the page has no control for it
  return shared;
}

void apply_shared_state(AppState& state, const data::SharedState& shared) {
  state.pad().load_strokes(shared.strokes);
  state.set_target(shared.target);
  nn::CrossEntropyOptions<double>& options = state.edit_loss_options();
  options.weight = shared.options.weight;
  options.reduction = shared.options.reduction;
  options.label_smoothing = shared.options.label_smoothing;
  state.refresh();
}

}  // namespace celab::app
