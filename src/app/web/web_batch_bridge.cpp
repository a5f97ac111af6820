// The batch card's members of window.celab (web build only; web/training_client.js defines them
// over these functions):
//   batch()        {labels, targets, logits[][10], ignored, lossNone, lossMean, lossSum, weights,
//                   labelSmoothing, criterion} for the batch on screen, computed to the end now;
//                  null until the training digits are there
//   newBatch()     opens the card (fetching the training digits) or draws the next batch
//   toggleIgnore(i)  sample i (batch order) to ignore_index -100 and back (RangeError if no such sample)
#include <emscripten.h>

#include <string>

#include "app/core/batch_report.h"
#include "app/page/app.h"
#include "app/platform/frame_schedule.h"
#include "app/web/js_text.h"
#include "app/web/web_app.h"

namespace {

celab::app::AppState& state() { return celab::app::web_app().state(); }

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void celab_batch_new() {
  celab::app::AppState& s = state();
  if (!s.batch().open() || !s.batch().has_batch()) {
    s.open_batch();  // (again, after a failed download)
  } else {
    s.edit_batch().new_batch();
  }
  celab::app::request_frame();
}

// window.celab.batch(): the batch's numbers brought up to date, as JSON (batch_report.h); null
// until there is a batch with numbers.
EMSCRIPTEN_KEEPALIVE const char* celab_batch_json() {
  state().update_batch(/*finish=*/true);
  celab::app::request_frame();
  if (!state().batch().ready()) return nullptr;
  return celab::app::js_json(celab::app::batch_report(state().batch()));
}

EMSCRIPTEN_KEEPALIVE int celab_batch_rows() { return state().batch().rows(); }

EMSCRIPTEN_KEEPALIVE int celab_batch_toggle_ignore(int row) {
  if (row < 0 || row >= state().batch().rows()) return 0;
  state().edit_batch().toggle_ignore(row);
  celab::app::request_frame();
  return 1;
}

}  // extern "C"
