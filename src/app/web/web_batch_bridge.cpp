// The batch card's members of window.celab (web build only; web/training_client.js defines them
// over these functions):
//   batch()        {labels, targets, logits[][10], ignored, lossNone, lossMean, lossSum, weights,
//                   labelSmoothing, criterion} for the batch on screen, computed to the end now;
//                  null until the training digits are there
//   newBatch()     opens the card (fetching the training digits) or draws the next batch
//   toggleIgnore(i)  sample i (batch order) to ignore_index -100 and back (RangeError if no such sample)
#include <emscripten.h>

#include <string>
#include <vector>

#include "app/page/app.h"
#include "app/web/web_training_bridge.h"
#include "nn/architecture.h"

namespace {

std::vector<double> numbers;  // the last answer; JS copies it out before the next call
std::string text;

celab::app::AppState& state() { return celab::app::bridged_app_for_training().state(); }

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void celab_batch_new() {
  celab::app::AppState& s = state();
  if (!s.batch().open() || !s.batch().has_batch()) {
    s.open_batch();  // (again, after a failed download)
  } else {
    s.edit_batch().new_batch();
  }
}

// Brings the batch's numbers up to date; 1 when there is a batch with numbers.
EMSCRIPTEN_KEEPALIVE int celab_batch_finish() {
  state().update_batch(/*finish=*/true);
  return state().batch().ready() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int celab_batch_rows() { return state().batch().rows(); }

EMSCRIPTEN_KEEPALIVE int celab_batch_toggle_ignore(int row) {
  if (row < 0 || row >= state().batch().rows()) return 0;
  state().edit_batch().toggle_ignore(row);
  return 1;
}

// Per row: label, target (label or -100), ignored (0/1), loss (reduction 'none'), then the logits.
EMSCRIPTEN_KEEPALIVE const double* celab_batch_rows_data() {
  const celab::app::BatchView& b = state().batch();
  numbers.clear();
  const std::vector<int64_t> targets = b.targets();
  for (int r = 0; r < b.rows(); ++r) {
    const auto i = static_cast<size_t>(r);
    numbers.push_back(static_cast<double>(b.labels()[i]));
    numbers.push_back(static_cast<double>(targets[i]));
    numbers.push_back(b.ignored(r) ? 1 : 0);
    numbers.push_back(b.breakdown().row_loss[i]);
    for (int k = 0; k < celab::nn::kClasses; ++k) numbers.push_back(b.logits()(r, k));
  }
  return numbers.data();
}

// mean, sum, mean divisor, label smoothing, weight count, weights...
EMSCRIPTEN_KEEPALIVE const double* celab_batch_totals() {
  const celab::app::BatchView& b = state().batch();
  numbers = {b.breakdown().mean, b.breakdown().sum, b.breakdown().mean_divisor, b.options().label_smoothing,
             static_cast<double>(b.options().weight.size())};
  numbers.insert(numbers.end(), b.options().weight.begin(), b.options().weight.end());
  return numbers.data();
}

EMSCRIPTEN_KEEPALIVE const char* celab_batch_criterion() {
  text = celab::nn::criterion_text(state().batch().options());
  return text.c_str();
}

}  // extern "C"
